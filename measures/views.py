"""Public measure pages: list with filters, detail, document download."""

from django.views.generic import DetailView

from measures import selectors
from measures.filters import MeasureFilter
from sozialraum.common.downloads import document_attachment
from sozialraum.common.filtering import FilteredListView


class MeasureListView(FilteredListView):
    filterset_class = MeasureFilter
    template_name = "measures/measure_list.html"
    context_object_name = "measures"
    paginate_by = 20

    def get_base_queryset(self):
        return selectors.measure_list_queryset()


class MeasureDetailView(DetailView):
    template_name = "measures/measure_detail.html"
    context_object_name = "measure"

    def get_queryset(self):
        return selectors.measure_detail_queryset()


def document_download(request, pk):
    """A document of a published measure, always as a download."""
    return document_attachment(selectors.public_document(pk))

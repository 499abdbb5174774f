from pathlib import Path

from django.http import FileResponse, Http404


def document_attachment(document):
    """An uploaded document (measure or workshop) as a download, never rendered inline.

    ``document`` is None when it is unknown or not public; both give a 404, as does a
    file that has gone missing from storage.
    """
    if document is None:
        raise Http404
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=Path(document.file.name).name)

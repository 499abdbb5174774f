from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _


@deconstructible
class MaxFileSizeValidator:
    """Refuses uploads larger than ``settings.DOCUMENT_MAX_BYTES``."""

    message = _("Die Datei ist zu groß (%(size)s MB); erlaubt sind höchstens %(limit)s MB.")

    def __call__(self, file):
        limit = settings.DOCUMENT_MAX_BYTES
        if file.size > limit:
            raise ValidationError(
                self.message,
                code="file_too_large",
                params={"size": round(file.size / 1024 / 1024, 1), "limit": round(limit / 1024 / 1024, 1)},
            )

    def __eq__(self, other):
        return isinstance(other, MaxFileSizeValidator)


def document_validators():
    return [
        FileExtensionValidator(
            allowed_extensions=settings.DOCUMENT_EXTENSIONS,
            message=_("Dateityp „%(extension)s“ ist nicht erlaubt. Erlaubt sind: %(allowed_extensions)s."),
        ),
        MaxFileSizeValidator(),
    ]

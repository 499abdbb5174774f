from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class GermanFirstLocaleMiddleware(LocaleMiddleware):
    """German unless the visitor picked another language with the switcher.

    Django's LocaleMiddleware follows the browser's Accept-Language header, which would
    show an English portal (and admin) to anyone with an English browser. Here only the
    language cookie set by ``set_language`` counts; everything else gets LANGUAGE_CODE.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


# NUL and other control characters (tab, line feed and carriage return are ordinary text).
_CONTROL_CHARACTERS = frozenset(chr(code) for code in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def _has_control_character(values):
    return any(_CONTROL_CHARACTERS.intersection(value) for value in values)


class RejectControlCharactersMiddleware:
    """Answers a request whose query string carries NUL or control characters with 400.

    No page or API can use them, and some databases refuse them (PostgreSQL raises on
    NUL in text), so they are stopped here once instead of in every view. The API gets
    JSON, pages the 400 page with a German message.
    """

    MESSAGE = "Die Anfrage enthält Steuerzeichen (z. B. ein Nullbyte) und wurde abgelehnt."

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.GET
        if _has_control_character(query.keys()) or _has_control_character(
            value for key in query for value in query.getlist(key)
        ):
            return self._reject(request)
        return self.get_response(request)

    def _reject(self, request):
        from django.http import JsonResponse
        from django.template.response import TemplateResponse
        from django.utils.translation import gettext

        message = gettext(self.MESSAGE)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=400)
        response = TemplateResponse(request, "400.html", {"message": message}, status=400)
        return response.render()

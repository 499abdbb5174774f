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

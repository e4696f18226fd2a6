"""Indonesian unless the user chose English with the language switch.

Django's LocaleMiddleware also follows the browser's Accept-Language header, so an
English-language browser would get English by default; the service standard's
public is Indonesian, so only the explicit choice (the language cookie) counts.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class ChosenLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.codes = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.codes else settings.LANGUAGE_CODE
        # The language is the request's only: what the thread ran in before comes back
        # afterwards, so work done after a request in the same thread (a job, the next
        # test) is not in the last visitor's language.
        previous = translation.get_language()
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            if previous is None:  # translations were off (deactivate_all)
                translation.deactivate_all()
            else:
                translation.activate(previous)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response

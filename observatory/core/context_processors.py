from django.conf import settings
from django.urls import translate_url


def site(request):
    """Links to the same page in every language, for the language switcher (plain links, no JavaScript)."""
    path = request.get_full_path()
    return {
        "language_links": [
            {"code": code, "name": name, "url": translate_url(path, code)} for code, name in settings.LANGUAGES
        ],
    }

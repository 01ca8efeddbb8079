from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject


def site(request):
    """Links to the same page in every language, for the language switcher (plain links, no JavaScript)."""
    path = request.get_full_path()
    user = getattr(request, "user", None)
    return {
        # Built only when a page shows the menu.
        "staff_menu": SimpleLazyObject(lambda: _menu(user)),
        "language_links": [
            {"code": code, "name": name, "url": translate_url(path, code)} for code, name in settings.LANGUAGES
        ],
    }


def _menu(user) -> list[dict]:
    from observatory.core.menu import menu_for

    return menu_for(user) if user is not None and user.is_authenticated else []

"""Template helpers of the site shell."""

from django import template
from django.utils.translation import gettext

register = template.Library()


@register.filter
def with_site_name(title: str) -> str:
    """A page's title followed by the site's name, once (the name alone when the page gives no title)."""
    site = gettext("Drug Policy Observatory")
    title = " ".join(str(title).split())
    if not title or title == site:
        return site
    if title.endswith(site):
        return title
    return f"{title} · {site}"


@register.filter
def in_page_language(item, field: str) -> str:
    """``item[field + "_ru"]`` on a Russian page when it is not empty, else ``item[field]`` (dicts or objects)."""
    from observatory.core.i18n import in_language

    def get(name):
        return item.get(name, "") if isinstance(item, dict) else getattr(item, name, "")

    return in_language(get(field) or "", get(f"{field}_ru") or "")


@register.filter
def foreign(text) -> str:
    """``text`` marked ``lang="en"`` on a Russian page when it is English (a title, a citation, a name as
    published), so that screen readers read it in English and the page says what is not translated."""
    from django.utils.html import conditional_escape, format_html

    from observatory.core.i18n import is_russian, mostly_latin

    if text in (None, ""):
        return ""
    if is_russian() and mostly_latin(text):
        return format_html('<span lang="en">{}</span>', text)
    return conditional_escape(text)

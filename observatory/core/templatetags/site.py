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

"""Links into the impact pages from pages other apps own: ``{% load impact %}``.

``{% impact_country_link country %}`` on a country page and
``{% impact_event_link event %}`` on a policy event's page. The wording lives in
this app's catalogue, so the pages that include the links need no new strings.
"""

from django import template

register = template.Library()


@register.inclusion_tag("impact/_country_link.html")
def impact_country_link(country):
    return {"country": country}


@register.inclusion_tag("impact/_event_link.html")
def impact_event_link(event):
    """The link, or nothing for a draft (analyses use published events only)."""
    return {"event": event if getattr(event, "published", False) else None}

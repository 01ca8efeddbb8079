"""What the site search finds among indicators: each indicator's explorer, by name, definition and unit."""

from __future__ import annotations

from django.urls import reverse


def entries():
    from observatory.indicators.models import Indicator

    for indicator in Indicator.objects.order_by("code"):
        yield ("indicator", indicator.code, indicator.name,
               f"{indicator.definition} {indicator.unit} {indicator.get_topic_display()}",
               reverse("indicators:detail", args=[indicator.code]))

"""An explorer view named by its permalink, for pages other than the explorer (stories, previews).

The explorer keeps its whole state in the address (``/en/indicators/<code>/?view=chart&countries=LVA``),
so the address is the chart: anything that stores it draws the same chart from the current data.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.http import QueryDict
from django.utils.translation import get_language

from observatory.countries.selectors import country_list
from observatory.indicators import explorer, explorer_categories, selectors
from observatory.indicators.models import Indicator

_PATH = re.compile(r"^/(?:[a-z]{2}/)?indicators/(?P<code>[a-z0-9_-]+)/(?:embed/)?$")


class PermalinkError(ValueError):
    """The text is not the address of an indicator in the explorer."""


def parse_permalink(text: str) -> tuple[str, QueryDict]:
    """``(indicator code, query)`` of an explorer address, given whole (with the site) or as a path."""
    parts = urlsplit(text.strip())
    match = _PATH.match(parts.path)
    if not match:
        raise PermalinkError(text)
    return match["code"], QueryDict(parts.query)


def explorer_for(code: str, query: QueryDict):
    """``(indicator, state, data)`` of the explorer at ``code`` with ``query``; None when there is no such indicator.

    Cached by data version, as the explorer's own pages are: a change to the data draws it anew."""
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is None:
        return None
    known = set(country_list().values_list("iso3", flat=True))
    state = explorer.ExplorerState.from_query(query, known_countries=known)
    if indicator.kind == Indicator.Kind.CATEGORICAL:
        state.view = "table" if state.view == "table" else "map"  # a status has no line over time
        build = lambda: explorer_categories.category_data(indicator=indicator, state=state)  # noqa: E731
    else:
        build = lambda: explorer.explorer_data(indicator=indicator, state=state)  # noqa: E731
    data = selectors.cached_by_data_version(f"explorer:{indicator.code}:{get_language()}:{state.query()}", build)
    return indicator, state, data


def spec_for(data) -> dict:
    """The Vega-Lite spec of the explorer's chart or map for ``data``."""
    if isinstance(data, explorer_categories.CategoryData):
        return explorer_categories.category_map_spec(data)
    return explorer.chart_spec(data, events=explorer.event_markers(countries=data.state.countries))

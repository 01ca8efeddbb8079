"""The blocks a story is made of, besides its text: one per line, ``::: <kind> <arguments>``.

| line | block |
|---|---|
| ``::: chart /en/indicators/<code>/?view=chart&countries=LVA,EST`` | a live chart: the explorer's permalink |
| ``::: map <code> [year]`` | the region's map of an indicator |
| ``::: card <code> <ISO3>`` | an indicator's latest value for a country, with its source |
| ``::: timeline <ISO3>`` | the country's policy events |
| ``::: law <ISO3> [provision,provision]`` | the country's law against the model law, with its changes |
| ``::: violations <ISO3>`` | the registry's published violation statistics (small cells suppressed) |
| ``::: image <number>`` | an uploaded image, with its description, credit and licence |
| ``::: quote <text> \\| <who>`` | a pull quote |

Footnotes are Markdown's (``[^1]`` … ``[^1]: source``). Each block is checked when the story is saved (a
line that names nothing is refused, by its number) and drawn from the current data when it is shown, so
a story's charts and figures follow the data. A block whose data have gone since says so on the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

DIRECTIVE = re.compile(r"^:::\s*(?P<kind>[a-z]+)\b\s*(?P<args>.*?)\s*$")
DEFAULT_LAW_PROVISIONS = ("use_offence", "possession_personal", "possession_max_penalty", "threshold_quantities",
                          "diversion")


class BlockError(ValueError):
    pass


@dataclass
class Rendered:
    html: str
    sources: list[tuple[str, str]] = field(default_factory=list)  # (label, url)
    chart_spec: dict | None = None  # the first chart's spec becomes the page's preview image


def _country(code: str):
    from observatory.countries.selectors import country_get

    country = country_get(iso3=code.upper()) if re.fullmatch(r"[A-Za-z]{3}", code or "") else None
    if country is None:
        raise BlockError(_("“%(code)s” is not a country code of the platform (three letters, e.g. LVA).")
                         % {"code": code})
    return country


def _indicator_or_none(code: str):
    from observatory.indicators.models import Indicator

    return Indicator.objects.filter(code=code).first()


def _indicator(code: str):
    indicator = _indicator_or_none(code)
    if indicator is None:
        raise BlockError(_("There is no indicator “%(code)s”. Copy the code from the indicator's address.")
                         % {"code": code})
    return indicator


# --- parsing -------------------------------------------------------------------------------------------

def _parse_chart(args: str) -> dict:
    from observatory.indicators.permalinks import PermalinkError, parse_permalink

    try:
        code, query = parse_permalink(args)
    except PermalinkError:
        raise BlockError(_("A chart needs the explorer's address, e.g. /en/indicators/hiv_prevalence_pwid/"
                           "?countries=LVA. Open the chart in the explorer and copy its address.")) from None
    _indicator(code)
    return {"code": code, "query": query.urlencode()}


def _parse_map(args: str) -> dict:
    parts = args.split()
    if not parts or len(parts) > 2 or (len(parts) == 2 and not parts[1].isdigit()):
        raise BlockError(_("A map needs an indicator code and, if you wish, a year: ::: map hiv_prevalence_pwid 2019"))
    _indicator(parts[0])
    query = {"view": "map"} | ({"year": parts[1]} if len(parts) == 2 else {})
    return {"code": parts[0], "query": urlencode(query)}


def _parse_card(args: str) -> dict:
    parts = args.split()
    if len(parts) != 2:
        raise BlockError(_("A card needs an indicator code and a country: ::: card drug_induced_deaths LVA"))
    _indicator(parts[0])
    return {"code": parts[0], "country": _country(parts[1]).iso3}


def _parse_country(kind: str):
    def parse(args: str) -> dict:
        parts = args.split()
        if len(parts) != 1:
            raise BlockError(_("This block needs one country code: ::: %(kind)s LVA") % {"kind": kind})
        return {"country": _country(parts[0]).iso3}
    return parse


def _parse_law(args: str) -> dict:
    from observatory.laws.models import ModelLawProvision

    parts = args.split()
    if len(parts) not in (1, 2):
        raise BlockError(_("A law block needs a country and, if you wish, provisions: ::: law LVA possession_personal"))
    codes = parts[1].split(",") if len(parts) == 2 else list(DEFAULT_LAW_PROVISIONS)
    known = set(ModelLawProvision.objects.values_list("code", flat=True))
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise BlockError(_("No model-law provision “%(code)s”; the model law page lists their codes.")
                         % {"code": unknown[0]})
    return {"country": _country(parts[0]).iso3, "provisions": codes}


def _parse_image(args: str) -> dict:
    from observatory.stories.models import StoryImage

    if not args.strip().isdigit() or not StoryImage.objects.filter(pk=int(args)).exists():
        raise BlockError(_("No image number “%(n)s”. Upload it on the Images page and use its number.")
                         % {"n": args.strip()})
    return {"image": int(args)}


def _parse_quote(args: str) -> dict:
    text, _sep, who = args.partition("|")
    if not text.strip():
        raise BlockError(_("A quote needs its text: ::: quote The words | who said them"))
    return {"text": text.strip(), "who": who.strip()}


PARSERS = {"chart": _parse_chart, "map": _parse_map, "card": _parse_card, "timeline": _parse_country("timeline"),
           "law": _parse_law, "violations": _parse_country("violations"), "image": _parse_image,
           "quote": _parse_quote}


def parse_directive(line: str) -> dict | None:
    """The block of a line (``{"kind": ..., **params}``), None for a line of text; BlockError when it is wrong."""
    match = DIRECTIVE.match(line.strip())
    if not match:
        return None
    kind = match["kind"]
    if kind not in PARSERS:
        raise BlockError(_("Unknown block “%(kind)s”. The blocks are: %(kinds)s.")
                         % {"kind": kind, "kinds": ", ".join(PARSERS)})
    return {"kind": kind, **PARSERS[kind](match["args"])}


# --- drawing -------------------------------------------------------------------------------------------

def _missing(text) -> Rendered:
    return Rendered(render_to_string("stories/blocks/missing.html", {"text": text}))


def _source_ref(source) -> tuple[str, str]:
    return (source.label, source.url or source.copy_url or "")


def _render_chart(block: dict) -> Rendered:
    from observatory.charts.render import chart_svg
    from observatory.indicators.models import Source
    from observatory.indicators.permalinks import explorer_for, spec_for

    found = explorer_for(block["code"], QueryDict(block["query"]))
    if found is None:
        return _missing(_("This chart's indicator is no longer in the platform."))
    indicator, state, data = found
    if not data.points:
        return _missing(_("There are no values for this chart at present (%(name)s).") % {"name": indicator.name})
    if state.view == "table":
        state.view = "chart"
    spec = spec_for(data)
    keys = {p["source"] for p in data.points}
    sources = [_source_ref(s) for s in Source.objects.filter(key__in=keys).order_by("key")]
    permalink = f"{reverse('indicators:detail', args=[indicator.code])}?{state.query()}"
    html = render_to_string("stories/blocks/chart.html", {
        "indicator": indicator, "state": state, "query": state.query(), "permalink": permalink,
        "svg": mark_safe(chart_svg(spec)), "sources": sources, "data": data})
    return Rendered(html, sources, spec)


def _render_card(block: dict) -> Rendered:
    from observatory.countries.selectors import country_get
    from observatory.indicators.selectors import observation_latest

    country = country_get(iso3=block["country"])
    indicator = _indicator_or_none(block["code"])
    observation = observation_latest(country=country, indicator_code=block["code"]) if country and indicator else None
    if observation is None:
        return _missing(_("No value is available for this card at present."))
    html = render_to_string("stories/blocks/card.html", {"o": observation, "country": country})
    return Rendered(html, [_source_ref(observation.source)])


def _render_timeline(block: dict) -> Rendered:
    from observatory.countries.selectors import country_get
    from observatory.events.selectors import events_for_country

    country = country_get(iso3=block["country"])
    events = list(events_for_country(country=country)) if country else []
    if not events:
        return _missing(_("No policy events are recorded for this country at present."))
    sources = [(s.title or s.url, s.url) for e in events for s in e.sources.all()]
    html = render_to_string("stories/blocks/timeline.html", {"events": events, "country": country})
    return Rendered(html, sources)


def _render_law(block: dict) -> Rendered:
    from observatory.countries.selectors import country_get
    from observatory.laws.selectors import country_assessment, model_law_provisions

    country = country_get(iso3=block["country"])
    provisions = [p for p in model_law_provisions() if p.code in block["provisions"]]
    cells = country_assessment(country=country, provisions=provisions) if country else []
    html = render_to_string("stories/blocks/law.html", {"cells": cells, "country": country})
    sources = [(s.title, s.url) for cell in cells if cell.version is not None for s in cell.version.sources.all()]
    return Rendered(html, sources)


def _render_violations(block: dict) -> Rendered:
    from observatory.countries.selectors import country_get
    from observatory.public.dashboard import country_violations

    country = country_get(iso3=block["country"])
    table = country_violations(country) if country else None
    html = render_to_string("stories/blocks/violations.html", {"table": table, "country": country})
    return Rendered(html)


def _render_image(block: dict) -> Rendered:
    from observatory.stories.models import StoryImage

    image = StoryImage.objects.filter(pk=block["image"]).first()
    if image is None:
        return _missing(_("This image has been removed."))
    html = render_to_string("stories/blocks/image.html", {"image": image})
    return Rendered(html, [(image.credit, image.source_url)] if image.source_url else [])


def _render_quote(block: dict) -> Rendered:
    return Rendered(render_to_string("stories/blocks/quote.html", block))


RENDERERS = {"chart": _render_chart, "map": _render_chart, "card": _render_card, "timeline": _render_timeline,
             "law": _render_law, "violations": _render_violations, "image": _render_image, "quote": _render_quote}


def render_block(block: dict) -> Rendered:
    return RENDERERS[block["kind"]](block)

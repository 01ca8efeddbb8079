"""How a provision of the law works in practice, as another capability records it: a link beside the provision.

The law pages say what the law holds. Whether a measure is applied (a diversion programme, an
alternative to imprisonment) is recorded by other capabilities, which the law pages do not import:
each registers a provider here, and the law pages ask for the links of the cells they show.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

# provider(pairs) -> {(iso3, provision code): {"label": ..., "url": ...}} for the pairs it has something on
Provider = Callable[[set[tuple[str, str]]], dict[tuple[str, str], dict]]
_PROVIDERS: list[Provider] = []


def register_practice_provider(provider: Provider) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def practice_links(pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], list[dict]]:
    """The links every provider gives for ``(iso3, provision code)`` pairs; pairs without any are left out."""
    wanted = set(pairs)
    links: dict[tuple[str, str], list[dict]] = {}
    for provider in _PROVIDERS:
        for pair, link in provider(wanted).items():
            links.setdefault(pair, []).append(link)
    return links


def annotate(cells_by_country: Iterable[tuple[str, object]]) -> None:
    """Set ``practice`` (a list of links, often empty) on each comparator cell, given with its country's ISO3."""
    pairs = [(iso3, cell) for iso3, cell in cells_by_country]
    links = practice_links((iso3, cell.provision.code) for iso3, cell in pairs)
    for iso3, cell in pairs:
        cell.practice = links.get((iso3, cell.provision.code), [])

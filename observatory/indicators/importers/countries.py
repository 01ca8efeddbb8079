"""Build a :class:`CountryResolver` from the platform's country list.

The production resolver is built from the database the same way: for each
country, its ISO3 and ISO2 codes, its aliases, and the names that pycountry
(ISO 3166) and Babel (CLDR) give it in English and Russian.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from .base import CountryResolver

LANGUAGES = ("en", "ru")


def country_names(*, iso3: str, iso2: str = "", aliases: Iterable[str] = (),
                  languages: Iterable[str] = LANGUAGES) -> list[str]:
    """Every name a publisher may use for one country, aliases first, without duplicates."""
    import pycountry
    from babel import Locale

    names: list[str] = [iso3, *([iso2] if iso2 else []), *aliases]
    record = pycountry.countries.get(alpha_3=iso3)
    if record is not None:
        iso2 = iso2 or record.alpha_2
        names += [getattr(record, attr, "") for attr in ("name", "official_name", "common_name")]
    for language in languages:
        if iso2:
            names.append(Locale.parse(language).territories.get(iso2, ""))
    return list(dict.fromkeys(name for name in names if name))


def resolver_from_records(records: Iterable[Mapping[str, object]], *,
                          languages: Iterable[str] = LANGUAGES) -> CountryResolver:
    """A resolver from records with ``iso3``, optional ``iso2`` and optional ``aliases``."""
    languages = tuple(languages)
    countries = {}
    for record in records:
        iso3 = str(record["iso3"]).upper()
        countries[iso3] = country_names(
            iso3=iso3,
            iso2=str(record.get("iso2") or ""),
            aliases=[str(a) for a in record.get("aliases") or ()],
            languages=languages,
        )
    return CountryResolver(countries)


def resolver_from_yaml(path: Path, *, languages: Iterable[str] = LANGUAGES) -> CountryResolver:
    """A resolver for the countries listed in ``data/countries/countries.yaml`` (key ``countries``)."""
    import yaml

    with Path(path).open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    return resolver_from_records(data.get("countries") or (), languages=languages)

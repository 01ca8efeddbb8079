"""Plain-data forms of the comparator's results, shared by the JSON API and the command line."""

from __future__ import annotations

from django.utils import translation


def version_dict(version) -> dict:
    return {
        "provision": version.provision.code,
        "value": version.value,
        "max_penalty_months": version.max_penalty_months,
        "valid_from": version.valid_from_display or None,
        "valid_to": version.valid_to_display or None,
        "as_of": version.as_of,
        "citation": version.citation or None,
        "detail_en": version.detail_en,
        "detail_ru": version.detail_ru,
        "sources": [{"title": s.title, "publisher": s.publisher, "url": s.url, "quote": s.quote}
                    for s in version.sources.all()],
    }


def _in(language: str, func):
    with translation.override(language):
        return str(func())


def cell_dict(cell) -> dict:
    """One provision's judgement, with the gap sentence in English and Russian and the version it rests on."""
    version = cell.version
    return {
        "provision": cell.provision.code,
        "label_en": cell.provision.label_en,
        "label_ru": cell.provision.label_ru,
        "status": cell.status,
        "score": cell.score,
        "gap_en": _in("en", lambda: cell.gap),
        "gap_ru": _in("ru", lambda: cell.gap),
        "unknown_reason": cell.reason or None,
        "version": version_dict(version) if version is not None else None,
    }


def country_dict(*, country, cells, at) -> dict:
    from observatory.laws.comparator import summary

    return {"country": country.iso3, "date": at.isoformat() if at else None, "summary": summary(cells),
            "provisions": [cell_dict(c) for c in cells]}

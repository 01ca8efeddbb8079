"""Generated PDFs kept on disk, one file per document and version of its inputs.

The key is a hash of everything a document is made from: the data it reads
(summarised by counts and last-change times, or hashed outright where the tables
are small), the staff texts, the code, templates, fonts and translations of this
app, and the engine's version. A change to any of them gives a new key, so a
cached PDF is never stale; older files of the same document are removed when a
new one is written.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Max

from observatory.reports.documents.common import optional
from observatory.reports.documents.engine import PACKAGE, engine_version

CODE_SUFFIXES = {".py", ".typ", ".ttf", ".po", ".mo"}


def cache_dir() -> Path:
    return Path(settings.VAR_DIR) / "reports"


@lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of this app's code, layout, fonts and translations, and of the engine (read once per process)."""
    digest = hashlib.sha256(engine_version().encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in CODE_SUFFIXES and "tests" not in path.parts and path.is_file():
            digest.update(str(path.relative_to(PACKAGE)).encode())
            digest.update(path.read_bytes())
    for module in ("observatory.charts.specs", "observatory.charts.render", "observatory.public.dashboard",
                   "observatory.laws.labels", "observatory.laws.comparator", "observatory.scorecard.index",
                   "observatory.cases.statistics", "observatory.cases.suppression"):
        found = optional(module)
        if found is not None and getattr(found, "__file__", None):
            digest.update(Path(found.__file__).read_bytes())
    return digest.hexdigest()


def _summary(queryset, field: str) -> str:
    row = queryset.aggregate(n=Count("pk"), last=Max(field), top=Max("pk"))
    return f"{row['n']}:{row['last']}:{row['top']}"


def _rows(queryset, *fields) -> str:
    return hashlib.sha256(repr(list(queryset.order_by("pk").values_list(*fields))).encode()).hexdigest()


def data_version(*, parts: tuple[str, ...] = ("indicators", "events", "laws", "scorecard", "cases", "texts")) -> str:
    """A digest that changes whenever data a document reads may have changed (a fixed, small number of queries)."""
    from observatory.countries.models import Country
    from observatory.indicators.models import Indicator, Observation, Source

    pieces = [code_version()]
    if "indicators" in parts:
        pieces += [_summary(Observation.objects, "updated_at"), _rows(Source.objects, *[
            f.attname for f in Source._meta.concrete_fields]), _rows(Indicator.objects, *[
                f.attname for f in Indicator._meta.concrete_fields]),
            _rows(Country.objects, "iso3", "iso2", "active", "subregion_id")]
    events = optional("observatory.events.selectors")
    if "events" in parts and events is not None:
        pieces.append(events.events_version())
        from observatory.events.models import EventSource

        pieces.append(_summary(EventSource.objects, "pk"))
    laws = optional("observatory.laws.models")
    if "laws" in parts and laws is not None:
        pieces += [_summary(laws.LegalProvision.objects, "updated_at"), _summary(laws.LegalSource.objects, "pk"),
                   _rows(laws.ModelLawProvision.objects, "code", "position", "label_en", "label_ru", "target",
                         "target_en", "target_ru", "judgement", "judgement_rule")]
    scorecard = optional("observatory.scorecard.selectors")
    if "scorecard" in parts and scorecard is not None:
        from observatory.scorecard.models import SurveyFinal

        path = scorecard.framework_path()
        pieces += [hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "",
                   _summary(SurveyFinal.objects, "finalised_at")]
    cases = optional("observatory.cases.models")
    if "cases" in parts and cases is not None and hasattr(cases, "Case"):
        pieces.append(_summary(cases.Case.objects, "updated_at" if hasattr(cases.Case, "updated_at") else "pk"))
        pieces.append(_summary(cases.Act.objects, "pk"))
    if "texts" in parts:
        from observatory.reports.models import BriefText

        pieces.append(_summary(BriefText.objects, "updated_at"))
    if "reviews" in parts:
        from observatory.reviews.models import CountryAssessment, CountryRoundReport, ReviewItem, ReviewRound

        pieces += [_summary(CountryAssessment.objects, "updated_at"), _summary(CountryRoundReport.objects,
                                                                                "updated_at"),
                   _rows(ReviewRound.objects, "process_id", "year", "published", "is_open"),
                   _rows(ReviewItem.objects, "code", "number", "title_en", "title_ru", "group_en", "group_ru",
                         "active", "position")]
    return hashlib.sha256("|".join(pieces).encode()).hexdigest()


def cached_pdf(*, name: str, key: str, build) -> tuple[bytes, bool]:
    """The PDF ``name`` for ``key`` from the disk cache, or ``build()``-ed and stored; and whether it was cached."""
    directory = cache_dir()
    path = directory / f"{name}.{key[:32]}.pdf"
    try:
        return path.read_bytes(), True
    except FileNotFoundError:
        pass
    pdf = build()
    directory.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
    with os.fdopen(handle, "wb") as out:
        out.write(pdf)
    os.replace(temporary, path)  # atomic: a reader sees the whole file or none
    for old in directory.glob(f"{name}.*.pdf"):
        if old != path:
            old.unlink(missing_ok=True)
    return pdf, False

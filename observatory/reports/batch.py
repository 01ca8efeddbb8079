"""Writing many briefs at once: in this process, or spread over worker processes, one failure never stopping the rest.

This module imports nothing from Django at the top: a worker process imports it
before Django is set up, and sets Django up in :func:`_worker_init`.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import pickle
import time
from collections.abc import Iterator
from pathlib import Path

# What every brief of a batch shares: loaded once by the parent and handed to each worker process.
_BATCH: dict = {}


def _worker_init(state: bytes) -> None:
    import django

    django.setup()
    _BATCH.update(pickle.loads(state))  # model instances unpickle only once Django is set up


def _one(task: tuple[str, str]) -> tuple[str, str, str | None, float]:
    """Write one country's brief in one language; never raises: a failure comes back as its reason."""
    from observatory.reports import generate

    iso3, language = task
    started = time.perf_counter()
    try:
        country = _BATCH["countries"][iso3]
        pdf = generate.brief_pdf(country=country, language=language, inputs=_BATCH["inputs"],
                                 version=_BATCH["version"], use_cache=_BATCH["use_cache"])
        (_BATCH["directory"] / f"brief-{iso3}-{language}.pdf").write_bytes(pdf)
    except Exception as error:  # noqa: BLE001 - the batch reports every failure and goes on
        return iso3, language, f"{type(error).__name__}: {error}", time.perf_counter() - started
    return iso3, language, None, time.perf_counter() - started


@contextlib.contextmanager
def briefs_batch(*, countries: dict, languages: list[str], directory: Path, jobs: int = 1,
                 use_cache: bool = True) -> Iterator[Iterator[tuple[str, str, str | None, float]]]:
    """Write the brief of each of ``countries`` (ISO3 → Country) in each of ``languages`` into ``directory``.

    Yields an iterator of ``(iso3, language, error or None, seconds)``, in the order the
    briefs finish (``brief-<ISO3>-<language>.pdf``). The data every brief reads is loaded once here; with
    ``jobs`` > 1 it is handed to that many worker processes (fresh interpreters,
    not forks: the parent holds threads of numerical libraries that a fork would
    copy in an unknown state).
    """
    from observatory.reports.documents.cache import data_version
    from observatory.reports.documents.inputs import inputs_load
    from observatory.reports.generate import BRIEF_DATA

    directory.mkdir(parents=True, exist_ok=True)
    _BATCH.clear()
    _BATCH.update(countries=countries, inputs=inputs_load(), directory=directory,
                  version=data_version(parts=BRIEF_DATA), use_cache=use_cache)
    tasks = [(iso3, language) for language in languages for iso3 in countries]
    if jobs <= 1 or len(tasks) <= 1:
        yield map(_one, tasks)
        return
    state = pickle.dumps(dict(_BATCH))
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes=min(jobs, len(tasks)), initializer=_worker_init, initargs=(state,)) as pool:
        yield pool.imap_unordered(_one, tasks)

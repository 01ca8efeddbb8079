"""The run stops when a compiled message catalogue is missing or older than its ``.po``.

Compiled catalogues (``.mo``) are built by ``make messages`` and not committed. Without
one, Django quietly falls back to the English message ids, so every Russian test would
pass while testing English. Loaded as a pytest plugin by ``pytest_env``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1]


def stale_catalogues(package: Path | None = None) -> list[Path]:
    """``.po`` files under ``package/**/locale/`` (default: this project) whose ``.mo`` is absent or older."""
    stale = []
    for po in sorted((package or PACKAGE).rglob("locale/*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if not mo.is_file() or mo.stat().st_mtime < po.stat().st_mtime:
            stale.append(po)
    return stale


def pytest_sessionstart(session: pytest.Session) -> None:
    stale = stale_catalogues()
    if stale:
        listed = "\n  ".join(str(po.relative_to(PACKAGE.parent)) for po in stale)
        raise pytest.UsageError(
            "compiled message catalogues (.mo) are missing or older than their .po files:\n  "
            f"{listed}\nRun `make messages`, then the tests again; without them the Russian tests test English."
        )

"""Playwright with Debian's chromium, for the browser tests.

A machine without ``/usr/bin/chromium`` skips these tests with a reason that says
what to install, so ``make test`` reports clearly what it could not run.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("OBSERVATORY_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("OBSERVATORY_TEST_ARTIFACTS", Path(__file__).resolve().parents[2] / "test-artifacts"))
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


def chromium_missing_reason() -> str | None:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"browser test not run: Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = chromium_missing_reason()
    if reason:
        pytest.skip(reason)
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures are still
    # synchronous and safe here.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="ru-RU", is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    """Keep a full-page screenshot as a test artefact (test-artifacts/NAME.png)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path

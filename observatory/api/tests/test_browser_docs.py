"""The API documentation page works in a real browser under the site's security policy (no CDN)."""

from __future__ import annotations

import pytest

from observatory.testing.browser import screenshot

pytestmark = pytest.mark.browser


def test_the_api_docs_list_every_operation_with_no_blocked_resource(live_server, page, db):
    blocked = []
    page.on("console", lambda message: blocked.append(message.text) if message.type == "error" else None)
    page.on("requestfailed", lambda request: blocked.append(request.url))
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=15000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/countries" in paths and "/api/v1/cases" in paths and len(paths) >= 19
    assert not any("cdn" in url for url in blocked) and blocked == []
    screenshot(page, "api-docs")

"""Every public page under /ru/, with the shipped data loaded, reads as Russian.

The crawl follows the links of the Russian pages from /ru/ (the explorer's views and the violations
page's countries included) and fails on any run of visible text that is mostly Latin script and not
marked as another language: names, citations and titles as published carry ``lang="en"``; codes and
URLs are set aside (``observatory/testing/latin.py``).
"""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command

from observatory.testing.latin import latin_runs

pytestmark = [pytest.mark.slow, pytest.mark.django_db]
SKIP = re.compile(r"\.(pdf|csv|png|svg|json|ics|xlsx)(\?|$)|/accounts/|/admin/|/jobs/|/work/|/cases/(new|report)")
FOLLOWED_QUERIES = re.compile(r"\?(view=(map|table)|country=[A-Z]{3}(&|&amp;|$))")
MAX_PAGES = 400


def test_every_public_russian_page_reads_as_russian(client):
    call_command("setup", "--no-static", stdout=io.StringIO())  # the shipped data, as `make run` loads it
    seen, queue, english = set(), ["/ru/"], {}
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code in (200, 302), (path, response.status_code)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        runs = latin_runs(html)
        if runs:
            english[path] = runs[:3]
        for href in re.findall(r'href="(/ru/[^"#]*)"', html):
            href = href.replace("&amp;", "&")
            if SKIP.search(href) or ("?" in href and not FOLLOWED_QUERIES.search(href)):
                continue
            if href not in seen:
                queue.append(href)
    assert len(seen) > 150  # the crawl reached the indicators, countries, laws, events and scorecard
    assert english == {}

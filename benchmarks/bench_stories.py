"""Server time of a story page against the explorer pages of the charts it shows, side by side.

A story draws its live blocks from the current data each time it is shown, so its floor is the work of
drawing the same charts in the explorer. The database holds the shipped real data and the three shipped
Baltic stories (no synthetic rows). Each page is asked for once with an empty cache (cold: every chart is
drawn) and then ``--repeat`` times (warm: charts come from the cache).

    .venv/bin/python benchmarks/bench_stories.py [--repeat 20] [--postgres]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import create_postgres_database, drop_postgres_database, machine, setup_django  # noqa: E402

STORIES = ["baltic-trip-latvia", "baltic-trip-lithuania", "baltic-trip-estonia"]


def timed(client, url: str, repeat: int) -> tuple[float, float]:
    from django.core.cache import cache

    cache.clear()
    start = time.perf_counter()
    response = client.get(url)
    cold = time.perf_counter() - start
    assert response.status_code == 200, (url, response.status_code)
    warm = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        warm.append(time.perf_counter() - start)
    return cold * 1000, statistics.median(warm) * 1000


def chart_pages(slug: str, language: str) -> list[str]:
    """The explorer addresses of the story's chart and map blocks (what the story draws)."""
    from urllib.parse import urlencode

    from observatory.stories import markup
    from observatory.stories.models import Story

    story = Story.objects.get(slug=slug, language=language)
    urls = []
    for block in markup.parse(story.live_revision.body).blocks:
        if block["kind"] in ("chart", "map"):
            urls.append(f"/{language}/indicators/{block['code']}/?{block['query'] or urlencode({})}")
    return urls


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    os.environ["OBSERVATORY_HTTPS"] = "0"
    os.environ["OBSERVATORY_COLLECTED_STATIC"] = "0"
    os.environ["OBSERVATORY_PAGE_CACHE"] = "0"  # the explorer's whole-page cache would hide its drawing
    name = f"observatory_bench_stories_{os.getpid()}"
    url = create_postgres_database(name) if args.postgres else None
    if args.postgres and url is None:
        sys.exit("PostgreSQL is not reachable on 127.0.0.1:5432.")
    try:
        setup_django(url)
        from django.core.management import call_command
        from django.test import Client

        call_command("setup", "--no-static", verbosity=0)
        client = Client(HTTP_HOST="127.0.0.1")
        print(f"machine: {machine()}; database: {'postgresql' if args.postgres else 'sqlite'}; "
              f"shipped real data and stories; median of {args.repeat} warm requests")
        print(f"{'page':<46} {'story cold':>11} {'charts cold':>12} {'ratio':>6} {'story warm':>11} "
              f"{'charts warm':>12} {'ratio':>6}")
        for slug in STORIES:
            for language in ("en", "ru"):
                story_cold, story_warm = timed(client, f"/{language}/stories/{slug}/", args.repeat)
                charts = [timed(client, u, args.repeat) for u in chart_pages(slug, language)]
                charts_cold, charts_warm = sum(c for c, _w in charts), sum(w for _c, w in charts)
                print(f"/{language}/stories/{slug}/ ({len(charts)} charts)".ljust(46)
                      + f" {story_cold:9.0f}ms {charts_cold:10.0f}ms {story_cold / charts_cold:6.2f}"
                      f" {story_warm:9.1f}ms {charts_warm:10.1f}ms {story_warm / charts_warm:6.2f}")
    finally:
        if args.postgres:
            from django.db import connections

            connections.close_all()
            drop_postgres_database(name)


if __name__ == "__main__":
    main()

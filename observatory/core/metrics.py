"""Prometheus metrics: request counts and latencies by route name, and whether the database answers.

Labels are low-cardinality and hold no data: the HTTP method, the status class (``2xx``) and the
resolved route's *name* (``cases:detail``), never the path, which can hold a record's id. The
endpoint ``/metrics`` answers only with ``Authorization: Bearer <OBSERVATORY_METRICS_TOKEN>``;
without the token set, or with a wrong one, it is a 404 like any missing page.

Under gunicorn each worker process counts on its own. Set ``PROMETHEUS_MULTIPROC_DIR`` to an empty
folder writable by the workers, and the endpoint sums every worker (prometheus-client's
multiprocess mode).
"""

from __future__ import annotations

import hmac
import os
import time

from django.conf import settings
from django.http import Http404, HttpResponse
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily

from observatory.core.probes import database_answers

REGISTRY = CollectorRegistry(auto_describe=True)
REQUESTS = Counter("observatory_http_requests_total", "HTTP requests answered.", ["method", "status", "route"],
                   registry=REGISTRY)
LATENCY = Histogram("observatory_http_request_duration_seconds", "Time to answer a request.", ["method", "route"],
                    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10), registry=REGISTRY)
STARTED = Gauge("observatory_process_start_time_seconds", "When this process started (Unix time).",
                registry=REGISTRY)
STARTED.set(time.time())
_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


class _DatabaseUp:
    """Collected at scrape time: 1 if the database answers ``SELECT 1``, else 0."""

    def collect(self):
        family = GaugeMetricFamily("observatory_database_up", "1 if the database answers.")
        family.add_metric([], 1 if database_answers() else 0)
        yield family


REGISTRY.register(_DatabaseUp())


def _route(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "unmatched"
    return match.view_name or "unnamed"


class MetricsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        method = request.method if request.method in _METHODS else "other"
        route = _route(request)
        REQUESTS.labels(method, f"{response.status_code // 100}xx", route).inc()
        LATENCY.labels(method, route).observe(time.perf_counter() - started)
        return response


def metrics(request):
    token = settings.METRICS_TOKEN
    sent = request.headers.get("Authorization", "")
    if not token or not hmac.compare_digest(sent.encode(), f"Bearer {token}".encode()):
        raise Http404
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        registry.register(_DatabaseUp())
    else:
        registry = REGISTRY
    return HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)

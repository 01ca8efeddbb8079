from django.db import connection
from django.http import HttpResponse, JsonResponse


def healthz(request):
    """200 when the database answers, 503 otherwise. Used by load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means unhealthy; the reason goes to the server log only
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def favicon(request):
    """``/favicon.ico``, which browsers request whatever the page links to: the site's icon."""
    from django.http import HttpResponsePermanentRedirect
    from django.templatetags.static import static

    return HttpResponsePermanentRedirect(static("observatory/favicon.svg"))


def robots(request):
    # Staff, case and account pages are never for search engines.
    lines = ["User-agent: *", "Disallow: /en/accounts/", "Disallow: /ru/accounts/", "Disallow: /admin/",
             "Disallow: /api/"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def readyz(request):
    """200 when this instance can serve: the database answers, every migration is applied, the cache works.

    503 otherwise, naming which check failed (never why: the reason goes to the server log).
    Load balancers send traffic only to ready instances; ``/healthz`` says only that the process lives.
    """
    from django.core.cache import cache
    from django.db.migrations.executor import MigrationExecutor

    checks = {"database": "ok", "migrations": "ok", "cache": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        checks["database"] = "failed"
    if checks["database"] == "ok":
        try:
            executor = MigrationExecutor(connection)
            if executor.migration_plan(executor.loader.graph.leaf_nodes()):
                checks["migrations"] = "pending"
        except Exception:
            checks["migrations"] = "failed"
    else:
        checks["migrations"] = "unknown"
    try:
        cache.set("observatory:readyz", "1", 10)
        if cache.get("observatory:readyz") != "1":
            checks["cache"] = "failed"
    except Exception:
        checks["cache"] = "failed"
    if all(value == "ok" for value in checks.values()):
        return JsonResponse({"status": "ready"})
    return JsonResponse({"status": "not ready", "checks": checks}, status=503)

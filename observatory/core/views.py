from django.http import HttpResponse, JsonResponse

from observatory.core.probes import database_answers, migrations_applied


def healthz(request):
    """200 when the database answers, 503 otherwise. Used by load balancers and monitoring."""
    if not database_answers():
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
             "Disallow: /api/", "Disallow: /en/stories/manage/", "Disallow: /ru/stories/manage/",
             f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def readyz(request):
    """200 when this instance can serve: the database answers, every migration is applied, the cache works.

    503 otherwise, naming which check failed (never why: the reason goes to the server log).
    Load balancers send traffic only to ready instances; ``/healthz`` says only that the process lives.
    """
    from django.core.cache import cache

    checks = {"database": "ok", "migrations": "ok", "cache": "ok"}
    if not database_answers():
        checks["database"], checks["migrations"] = "failed", "unknown"
    else:
        try:
            if not migrations_applied():
                checks["migrations"] = "pending"
        except Exception:
            checks["migrations"] = "failed"
    try:
        cache.set("observatory:readyz", "1", 10)
        if cache.get("observatory:readyz") != "1":
            checks["cache"] = "failed"
    except Exception:
        checks["cache"] = "failed"
    if all(value == "ok" for value in checks.values()):
        return JsonResponse({"status": "ready"})
    return JsonResponse({"status": "not ready", "checks": checks}, status=503)

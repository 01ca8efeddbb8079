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


def robots(request):
    # Staff, case and account pages are never for search engines.
    lines = ["User-agent: *", "Disallow: /en/accounts/", "Disallow: /ru/accounts/", "Disallow: /admin/",
             "Disallow: /api/"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")

"""The answer when django-axes has locked an account: the page on the web, JSON in the API."""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    seconds = int(float(settings.AXES_COOLOFF_TIME) * 3600)
    if request.path.startswith("/api/"):
        # No username in the answer: the caller typed it, and it could be a person's name.
        response = JsonResponse({"detail": "Too many failed sign-ins for this account from this address; it is "
                                           "locked for an hour."}, status=429)
    else:
        response = render(request, settings.AXES_LOCKOUT_TEMPLATE, {"failure_limit": settings.AXES_FAILURE_LIMIT},
                          status=429)
    response["Retry-After"] = str(seconds)
    return response

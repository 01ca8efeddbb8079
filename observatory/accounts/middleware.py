"""Second factor for the roles that handle identities or accounts."""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse


class RequireTwoFactorMiddleware:
    """Send a signed-in user whose role needs a second factor to enrol or verify before anything else."""

    ALLOWED_NAMES = ("accounts:two_factor", "accounts:logout")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "needs_two_factor", False)
            and not user.is_verified()
            and not request.path.startswith(("/static/", "/api/", "/healthz", "/readyz", "/metrics"))
        ):
            allowed = {reverse(name) for name in self.ALLOWED_NAMES}
            if request.path not in allowed:
                return redirect(f"{reverse('accounts:two_factor')}")
        return self.get_response(request)

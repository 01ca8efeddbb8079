"""Sign-in, second factor and sign-out pages."""

from __future__ import annotations

import base64
import io

from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from observatory.audit.services import audit_record
from observatory.core.ratelimit import rate_limit, retry_after


class LoginView(auth_views.LoginView):
    """Sign-in, limited per client address on the shared cache (axes also locks the account)."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        limit, window = settings.SIGN_IN_RATE
        wait = rate_limit(request, group="sign_in", limit=limit, window=window)
        if wait:
            context = self.get_context_data(form=self.get_form(), wait_minutes=max(1, -(-wait // 60)))
            return retry_after(self.render_to_response(context, status=429), wait)
        return super().post(request, *args, **kwargs)


class LogoutView(auth_views.LogoutView):
    pass


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


def _qr_svg(uri: str) -> str:
    import qrcode  # with Pillow: only the two-factor enrolment page draws a QR code
    import qrcode.image.svg

    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg"):]


@login_required
def two_factor(request):
    """Enrol an authenticator app (first time) or check its code (every sign-in)."""
    user = request.user
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True)
    enrolling = not confirmed.exists()
    if enrolling:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
        devices = [device]
    else:
        devices = list(confirmed)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"].replace(" ", "")
        # django-otp slows down guessing: after a wrong code a device refuses checks for a while.
        allowed = [d for d in devices if d.verify_is_allowed()[0]]
        matched = next((d for d in allowed if d.verify_token(token)), None)
        if matched is not None:
            with transaction.atomic():
                if enrolling:
                    matched.confirmed = True
                    matched.save(update_fields=["confirmed"])
                    audit_record(actor=user, action="auth.2fa_enrolled", obj=user)
                otp_login(request, matched)
                audit_record(actor=user, action="auth.2fa_verified", obj=user)
            return redirect("public:work")
        audit_record(actor=user, action="auth.2fa_failed", obj=user)
        if not allowed:
            form.add_error("token", _("Too many wrong codes in a row. Wait a minute, then enter the current code."))
        else:
            form.add_error("token", _("That code is not valid. Check the time on your phone and try again."))
    context = {"form": form, "enrolling": enrolling}
    if enrolling:
        context["qr_svg"] = mark_safe(_qr_svg(devices[0].config_url))
        context["secret"] = base64.b32encode(devices[0].bin_key).decode().rstrip("=")
    return render(request, "accounts/two_factor.html", context)

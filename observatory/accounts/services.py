"""Writes to accounts: organisations, users, roles and API tokens.

Every service runs in one transaction and writes its audit entry in it.
``actor`` is the user doing it, or ``access.SYSTEM`` for an operator at the command line.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import timedelta

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from observatory import access
from observatory.accounts.models import COUNTRY_ROLES, ORGANISATION_ROLES, ApiToken, Organisation, Role, User
from observatory.accounts.policies import is_site_staff
from observatory.audit.services import audit_record
from observatory.countries.models import Country

TOKEN_PREFIX = "dpo_"


def _countries(codes: Iterable[str]) -> list[Country]:
    codes = [c.upper() for c in codes]
    found = {c.iso3: c for c in Country.objects.filter(iso3__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise ValidationError({"countries": _("Unknown country code: %(codes)s.") % {"codes": ", ".join(missing)}})
    return [found[c] for c in codes]


@transaction.atomic
def organisation_create(*, actor, slug: str, name: str, country: str) -> Organisation:
    """Create an organisation working in ``country`` (ISO3)."""
    (country_obj,) = _countries([country])
    organisation = Organisation(slug=slug, name=name, country=country_obj)
    access.require(actor, access.Action.CREATE, organisation)
    organisation.full_clean()
    organisation.save()
    audit_record(actor=actor, action="organisation.create", obj=organisation,
                 details={"country": country_obj.iso3, "slug": slug})
    return organisation


def _check_scope(role: str, organisation: Organisation | None, countries: list[Country]) -> None:
    if role in ORGANISATION_ROLES and organisation is None:
        raise ValidationError({"organisation": _("A %(role)s must belong to an organisation (--org).") % {"role": role}})
    if role not in ORGANISATION_ROLES and organisation is not None:
        raise ValidationError({"organisation": _("Only case managers and documenters belong to an organisation.")})
    if role in COUNTRY_ROLES and not countries:
        raise ValidationError({"countries": _("A coordinator needs at least one country (--country).")})
    if role not in COUNTRY_ROLES and countries:
        raise ValidationError({"countries": _("Only coordinators are assigned countries.")})


@transaction.atomic
def user_create(
    *,
    actor,
    username: str,
    role: str,
    password: str | None = None,
    email: str = "",
    organisation: str | None = None,
    countries: Iterable[str] = (),
) -> tuple[User, str | None]:
    """Create a user with a role and its scope.

    Returns the user and the generated password when none was given (shown to
    the operator once, never stored in clear). Raises ``ValidationError``
    naming the field when the role's scope is incomplete.
    """
    role = Role(role)
    org = Organisation.objects.filter(slug=organisation).first() if organisation else None
    if organisation and org is None:
        raise ValidationError({"organisation": _("Unknown organisation: %(slug)s.") % {"slug": organisation}})
    country_objs = _countries(countries)
    _check_scope(role, org, country_objs)
    user = User(username=username, email=email, role=role, organisation=org, is_staff=is_site_staff(role))
    access.require(actor, access.Action.CREATE, user)
    generated = None
    if password is None:
        generated = secrets.token_urlsafe(15)
        password = generated
    validate_password(password, user)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    user.countries.set(country_objs)
    audit_record(actor=actor, action="user.create", obj=user,
                 details={"role": role.value, "organisation": organisation or "",
                          "countries": [c.iso3 for c in country_objs]})
    return user, generated


@transaction.atomic
def user_set_role(
    *, actor, user: User, role: str, organisation: str | None = None, countries: Iterable[str] = ()
) -> User:
    """Change a user's role and scope (the old and new values are audited)."""
    access.require(actor, access.Action.CHANGE, user)
    role = Role(role)
    org = Organisation.objects.filter(slug=organisation).first() if organisation else None
    country_objs = _countries(countries)
    _check_scope(role, org, country_objs)
    before = {"role": user.role, "organisation": user.organisation.slug if user.organisation else "",
              "countries": sorted(user.countries.values_list("iso3", flat=True))}
    user.role, user.organisation, user.is_staff = role, org, is_site_staff(role)
    user.save(update_fields=["role", "organisation", "is_staff"])
    user.countries.set(country_objs)
    after = {"role": role.value, "organisation": organisation or "", "countries": sorted(c.iso3 for c in country_objs)}
    audit_record(actor=actor, action="user.role_change", obj=user, details={"before": before, "after": after})
    return user


@transaction.atomic
def user_set_active(*, actor, user: User, active: bool) -> User:
    access.require(actor, access.Action.CHANGE, user)
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit_record(actor=actor, action="user.activate" if active else "user.deactivate", obj=user)
    return user


@transaction.atomic
def token_create(*, actor, user: User, name: str = "") -> tuple[ApiToken, str]:
    """Issue a new API token for ``user``. Returns the record and the token, which is shown only once."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name, prefix=secret[: len(TOKEN_PREFIX) + 6], digest=ApiToken.digest_of(secret))
    access.require(actor, access.Action.CREATE, token)
    token.save()
    audit_record(actor=actor, action="token.create", obj=token, details={"user": user.username, "name": name})
    return token, secret


@transaction.atomic
def token_revoke(*, actor, token: ApiToken) -> ApiToken:
    access.require(actor, access.Action.DELETE, token)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action="token.revoke", obj=token, details={"user": token.user.username})
    return token


class TokenRefused(Exception):
    """Credentials that do not issue a token; the message is safe to show (it never says which part was wrong)."""


TWO_FACTOR_TOKEN_HOURS = 8


def token_create_two_factor(*, request, username: str, password: str, code: str, name: str = "") -> tuple[
        ApiToken, str]:
    """A short-lived token for ``username`` after their password and a current authenticator code.

    Marked ``two_factor``: with it, a role that needs a second factor reads identities through the
    API as it does on the web after entering the code. Wrong credentials, or a code that does not
    match, raise ``TokenRefused`` and are audited as on the web (axes counts failed passwords).
    """
    from django.contrib.auth import authenticate
    from django_otp.plugins.otp_totp.models import TOTPDevice

    refused = TokenRefused("The username, password or authenticator code is wrong.")
    user = authenticate(request, username=username, password=password)
    if user is None or not user.is_active:
        raise refused
    devices = list(TOTPDevice.objects.filter(user=user, confirmed=True))
    if not devices:
        raise TokenRefused("This account has no authenticator app yet: sign in on the website once to set one up.")
    allowed = [d for d in devices if d.verify_is_allowed()[0]]
    if not any(d.verify_token(code.replace(" ", "")) for d in allowed):
        with transaction.atomic():  # the failure is recorded although no token is made
            audit_record(actor=user, action="auth.2fa_failed", obj=user, details={"via": "api"})
        raise refused
    return _two_factor_token_save(user=user, name=name)


@transaction.atomic
def _two_factor_token_save(*, user: User, name: str) -> tuple[ApiToken, str]:
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = timezone.now() + timedelta(hours=TWO_FACTOR_TOKEN_HOURS)
    token = ApiToken(user=user, name=name, prefix=secret[: len(TOKEN_PREFIX) + 6], digest=ApiToken.digest_of(secret),
                     two_factor=True, expires_at=expires_at)
    access.require(user, access.Action.CREATE, token)
    token.save()
    audit_record(actor=user, action="token.create", obj=token,
                 details={"user": user.username, "name": name, "two_factor": True,
                          "expires_at": expires_at.isoformat(timespec="seconds")})
    return token, secret


def token_authenticate(*, secret: str) -> User | None:
    """The active user a bearer token belongs to, or ``None``; records when the token was last used.

    An expired token is no token. The user carries ``is_verified()`` as django-otp's middleware gives
    it on the web: true only for a token issued after the authenticator code.
    """
    if not secret.startswith(TOKEN_PREFIX):
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=ApiToken.digest_of(secret), revoked_at__isnull=True, user__is_active=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .first()
    )
    if token is None:
        return None
    token.user.is_verified = lambda two_factor=token.two_factor: two_factor
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 300:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def organisation_update(*, actor, organisation: Organisation, name: str, active: bool) -> Organisation:
    access.require(actor, access.Action.CHANGE, organisation)
    changed = {k: v for k, v in {"name": name, "active": active}.items() if getattr(organisation, k) != v}
    for key, value in changed.items():
        setattr(organisation, key, value)
    if changed:
        organisation.full_clean()
        organisation.save(update_fields=list(changed))
        audit_record(actor=actor, action="organisation.change", obj=organisation, details={"fields": sorted(changed)})
    return organisation

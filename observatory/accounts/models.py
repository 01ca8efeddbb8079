"""Users, organisations, roles and API tokens."""

from __future__ import annotations

import hashlib

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    COORDINATOR = "coordinator", _("Country coordinator")
    CASE_MANAGER = "case_manager", _("Case manager")
    DOCUMENTER = "documenter", _("Documenter")
    ANALYST = "analyst", _("Analyst")
    # Writes, reviews and publishes stories and news (observatory.stories); sees no case data.
    EDITOR = "editor", _("Editor")


# Roles that handle case identities or manage accounts must use a second factor; so do editors, who publish
# in the network's name on its public site.
TWO_FACTOR_ROLES = frozenset({Role.ADMIN, Role.COORDINATOR, Role.CASE_MANAGER, Role.EDITOR})
ORGANISATION_ROLES = frozenset({Role.CASE_MANAGER, Role.DOCUMENTER})
COUNTRY_ROLES = frozenset({Role.COORDINATOR})


class Organisation(models.Model):
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT, related_name="organisations")
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.DOCUMENTER)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="members"
    )
    countries = models.ManyToManyField("countries.Country", blank=True, related_name="coordinators")

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def needs_two_factor(self) -> bool:
        return self.role in TWO_FACTOR_ROLES

    def clean(self):
        super().clean()
        if self.role in ORGANISATION_ROLES and not self.organisation_id:
            raise ValidationError({"organisation": _("A case manager or documenter belongs to an organisation.")})
        if self.role not in ORGANISATION_ROLES and self.organisation_id:
            raise ValidationError({"organisation": _("Only case managers and documenters belong to an organisation.")})


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only a SHA-256 digest of the token is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=12, db_index=True, help_text=_("The first characters, to recognise a token."))
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Issued after the authenticator code (POST /api/v1/auth/tokens): short-lived, and the only kind
    # with which a role that needs a second factor may read identities.
    two_factor = models.BooleanField(default=False)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user.username})"

    @staticmethod
    def digest_of(token: str) -> str:
        # Tokens are 256-bit random values, so a fast hash is enough: there is nothing to brute-force.
        return hashlib.sha256(token.encode("utf-8")).hexdigest()

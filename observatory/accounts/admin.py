"""Admin pages for organisations, users and tokens. Every save goes through the services (and the audit)."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from observatory.accounts import services
from observatory.accounts.models import ApiToken, Organisation, Role, User
from observatory.countries.models import Country


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "country", "active")
    list_filter = ("country", "active")
    search_fields = ("name", "slug")

    def get_readonly_fields(self, request, obj=None):
        return ("slug", "country") if obj else ()

    def save_model(self, request, obj, form, change):
        if change:
            services.organisation_update(actor=request.user, organisation=obj, name=obj.name, active=obj.active)
        else:
            created = services.organisation_create(actor=request.user, slug=obj.slug, name=obj.name,
                                                   country=obj.country.iso3)
            obj.pk = created.pk


class UserForm(forms.ModelForm):
    password = forms.CharField(
        label=_("Password"), required=False, widget=forms.PasswordInput,
        help_text=_("Leave empty to generate one; it is shown once after saving."),
    )
    countries = forms.ModelMultipleChoiceField(queryset=Country.objects.all(), required=False)

    class Meta:
        model = User
        fields = ("username", "email", "role", "organisation", "countries", "is_active")

    def clean(self):
        data = super().clean()
        try:
            services._check_scope(Role(data.get("role")), data.get("organisation"), list(data.get("countries") or []))
        except ValidationError as error:
            raise forms.ValidationError(error.message_dict) from None
        return data


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    form = UserForm
    list_display = ("username", "role", "organisation", "is_active", "last_login")
    list_filter = ("role", "is_active", "organisation__country")
    search_fields = ("username", "email")

    def get_readonly_fields(self, request, obj=None):
        return ("username",) if obj else ()

    def get_fields(self, request, obj=None):
        fields = ["username", "email", "role", "organisation", "countries", "is_active"]
        return fields + (["password"] if obj is None else [])

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        countries = [c.iso3 for c in data.get("countries") or []]
        org = data["organisation"].slug if data.get("organisation") else None
        if change:
            original = User.objects.get(pk=obj.pk)
            services.user_set_role(actor=request.user, user=original, role=data["role"], organisation=org,
                                   countries=countries)
            if original.is_active != data["is_active"]:
                services.user_set_active(actor=request.user, user=original, active=data["is_active"])
            return
        user, generated = services.user_create(
            actor=request.user, username=data["username"], role=data["role"], password=data.get("password") or None,
            email=data.get("email", ""), organisation=org, countries=countries,
        )
        obj.pk = user.pk
        if generated:
            self.message_user(request, _("Password for %(user)s (shown once): %(pw)s") % {"user": user.username,
                                                                                         "pw": generated})

    def save_related(self, request, form, formsets, change):
        # Countries are set by the services, which audit the change.
        pass


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "user", "name", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "user", "name", "created_at", "last_used_at", "revoked_at")
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Revoke selected tokens"))
    def revoke(self, request, queryset):
        for token in queryset:
            services.token_revoke(actor=request.user, token=token)

"""Admin pages for the law database. Provision versions are saved through the services (checked and audited)."""

from __future__ import annotations

from django.contrib import admin

from observatory.laws import services
from observatory.laws.models import LegalProvision, LegalSource, ModelLawProvision


class LegalSourceInline(admin.TabularInline):
    model = LegalSource
    extra = 1
    fields = ("position", "title", "publisher", "url", "quote")


@admin.register(LegalProvision)
class LegalProvisionAdmin(admin.ModelAdmin):
    list_display = ("country", "provision", "value", "valid_from", "valid_to", "as_of", "origin")
    list_filter = ("provision", "country", "origin")
    search_fields = ("value", "citation", "detail_en", "detail_ru")
    readonly_fields = ("origin", "updated_at")
    inlines = [LegalSourceInline]
    fields = ("country", "provision", "value", "max_penalty_months", "valid_from", "valid_from_precision", "valid_to",
              "valid_to_precision", "as_of", "citation", "detail_en", "detail_ru", "origin", "updated_at")

    def save_model(self, request, obj, form, change):
        services.legal_provision_save(actor=request.user, version=obj)

    def delete_model(self, request, obj):
        services.legal_provision_delete(actor=request.user, version=obj)


@admin.register(ModelLawProvision)
class ModelLawProvisionAdmin(admin.ModelAdmin):
    """Read only: the model law is data (data/laws/model_law.yaml), reloaded by ``observatory setup``."""

    list_display = ("position", "code", "label_en", "target")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

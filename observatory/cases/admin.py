"""Admin pages for the vocabularies (admins extend them without code). Case records are not in the admin:
admins manage users and vocabularies, never identities."""

from __future__ import annotations

from django.contrib import admin

from observatory.cases.models import Term, TermGroup, Vocabulary
from observatory.cases.services.vocabularies import term_group_save, term_save


@admin.register(Vocabulary)
class VocabularyAdmin(admin.ModelAdmin):
    list_display = ("code", "name_en", "name_ru")
    readonly_fields = ("code",)

    def has_add_permission(self, request):
        return False  # a new vocabulary needs code that uses it

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TermGroup)
class TermGroupAdmin(admin.ModelAdmin):
    list_display = ("code", "vocabulary", "name_en", "name_ru", "order")
    list_filter = ("vocabulary",)

    def get_readonly_fields(self, request, obj=None):
        return ("vocabulary", "code") if obj else ()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        term_group_save(actor=request.user, group=obj)


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ("code", "vocabulary", "name_en", "name_ru", "group", "huridocs_code", "active", "shipped")
    list_filter = ("vocabulary", "active", "shipped", "huridocs_match")
    search_fields = ("code", "name_en", "name_ru", "huridocs_term")
    fields = ("vocabulary", "code", "group", "name_en", "name_ru", "description_en", "description_ru",
              "huridocs_thesaurus", "huridocs_code", "huridocs_term", "huridocs_match", "min_age", "max_age", "order",
              "active")

    def get_readonly_fields(self, request, obj=None):
        # Codes are stable identifiers; retire a term (active off) instead of renaming or deleting it.
        return ("vocabulary", "code") if obj else ()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        term_save(actor=request.user, term=obj)

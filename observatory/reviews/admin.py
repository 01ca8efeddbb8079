"""Admin pages: the catalogue of processes and items, and rounds. Writes go through the services (and the audit).

Assessments and country reports are shown read-only here: they are civil society's
records and are written by coordinators on the tracker's pages.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from observatory.reviews import services
from observatory.reviews.models import CountryAssessment, CountryRoundReport, ReviewItem, ReviewProcess, ReviewRound


class ItemInline(admin.TabularInline):
    model = ReviewItem
    fields = ("number", "code", "title_en", "title_ru", "active")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ReviewProcess)
class ReviewProcessAdmin(admin.ModelAdmin):
    list_display = ("code", "title_en", "position")
    inlines = [ItemInline]

    def get_readonly_fields(self, request, obj=None):
        return ("code",) if obj else ()

    def save_model(self, request, obj, form, change):
        services.catalogue_save(actor=request.user, obj=obj, fields=form.changed_data)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReviewItem)
class ReviewItemAdmin(admin.ModelAdmin):
    list_display = ("process", "number", "title_en", "active")
    list_filter = ("process", "active")
    search_fields = ("title_en", "title_ru", "code")

    def get_readonly_fields(self, request, obj=None):
        return ("process", "code") if obj else ()

    def save_model(self, request, obj, form, change):
        services.catalogue_save(actor=request.user, obj=obj, fields=form.changed_data)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReviewRound)
class ReviewRoundAdmin(admin.ModelAdmin):
    list_display = ("process", "year", "is_open", "published", "published_at")
    list_filter = ("process", "published", "is_open")
    readonly_fields = ("process", "year", "is_open", "published", "published_at")
    actions = ["publish", "unpublish", "open_rounds", "close_rounds"]

    def has_add_permission(self, request):
        # Rounds are added on the process page, which validates the year and audits the change.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _update(self, request, queryset, **flags):
        for review_round in queryset:
            services.round_update(actor=request.user, review_round=review_round, **flags)

    @admin.action(description=_("Publish selected rounds"))
    def publish(self, request, queryset):
        self._update(request, queryset, published=True)

    @admin.action(description=_("Withdraw selected rounds from the public"))
    def unpublish(self, request, queryset):
        self._update(request, queryset, published=False)

    @admin.action(description=_("Open selected rounds for entries"))
    def open_rounds(self, request, queryset):
        self._update(request, queryset, is_open=True)

    @admin.action(description=_("Close selected rounds for entries"))
    def close_rounds(self, request, queryset):
        self._update(request, queryset, is_open=False)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CountryAssessment)
class CountryAssessmentAdmin(ReadOnlyAdmin):
    list_display = ("round", "country", "item", "status", "version", "updated_at")
    list_filter = ("round__process", "round__year", "status", "country")
    list_select_related = ("round__process", "country", "item")


@admin.register(CountryRoundReport)
class CountryRoundReportAdmin(ReadOnlyAdmin):
    list_display = ("round", "country", "funding_amount", "funding_currency", "funding_year", "version")
    list_filter = ("round__process", "round__year", "country")
    list_select_related = ("round__process", "country")

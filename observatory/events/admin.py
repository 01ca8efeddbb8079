"""Admin pages for policy events. Every save and delete goes through the services (and the audit)."""

from __future__ import annotations

from django import forms
from django.contrib import admin

from observatory.events import services
from observatory.events.dates import period_start
from observatory.events.models import EventSource, PolicyEvent


class EventSourceInline(admin.TabularInline):
    model = EventSource
    fields = ("title", "url", "quote")
    extra = 1
    min_num = 1
    max_num = services.MAX_SOURCES
    validate_min = True


class PolicyEventAdminForm(forms.ModelForm):
    class Meta:
        model = PolicyEvent
        fields = ("slug", "country", "date", "precision", "type", "title_en", "title_ru", "description_en",
                  "description_ru", "published")

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("precision"):
            # A partial date is stored as the first day of its period, as the services store it.
            data["date"] = period_start(data["date"], data["precision"])
        return data


@admin.register(PolicyEvent)
class PolicyEventAdmin(admin.ModelAdmin):
    form = PolicyEventAdminForm
    inlines = [EventSourceInline]
    list_display = ("date", "precision", "country", "type", "title_en", "published", "origin")
    list_filter = ("published", "type", "origin", "country")
    search_fields = ("slug", "title_en", "title_ru")
    date_hierarchy = "date"
    list_select_related = ("country",)

    def get_readonly_fields(self, request, obj=None):
        return ("slug", "origin", "created_at", "updated_at") if obj else ("origin",)

    def save_model(self, request, obj, form, change):
        # The event and its sources are written together in save_related, through one service call.
        pass

    def save_formset(self, request, form, formset, change):
        pass

    def save_related(self, request, form, formsets, change):
        sources = [
            {key: inline_form.cleaned_data.get(key, "") for key in ("title", "url", "quote")}
            for formset in formsets for inline_form in formset.forms
            if inline_form.cleaned_data and not inline_form.cleaned_data.get("DELETE")
        ]
        values = {key: form.cleaned_data[key] for key in services.EVENT_FIELDS}
        if change:
            event = PolicyEvent.objects.get(pk=form.instance.pk)
            services.event_update(actor=request.user, event=event, sources=sources, **values)
        else:
            event = services.event_create(actor=request.user, slug=form.cleaned_data["slug"], sources=sources,
                                          **values)
            form.instance.pk = event.pk
        form.instance.refresh_from_db()

    def construct_change_message(self, request, form, formsets, add=False):
        # The inline formsets are never saved themselves (the service replaces the sources);
        # the audit entry records whether the sources changed.
        return super().construct_change_message(request, form, [], add)

    def delete_model(self, request, obj):
        services.event_delete(actor=request.user, event=obj)

    def delete_queryset(self, request, queryset):
        for event in queryset.select_related("country"):
            services.event_delete(actor=request.user, event=event)

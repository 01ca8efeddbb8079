"""Admin pages of the expert survey: questions and assignments (through the services, audited)."""

from __future__ import annotations

from django.contrib import admin

from observatory.scorecard import services
from observatory.scorecard.models import SurveyAnswer, SurveyAssignment, SurveyFinal, SurveyQuestion


@admin.register(SurveyQuestion)
class SurveyQuestionAdmin(admin.ModelAdmin):
    list_display = ("position", "code", "dimension", "active", "shipped")
    list_filter = ("dimension", "active", "shipped")
    readonly_fields = ("shipped",)


@admin.register(SurveyAssignment)
class SurveyAssignmentAdmin(admin.ModelAdmin):
    list_display = ("question", "country", "year", "expert", "created_at")
    list_filter = ("year", "country", "question")

    def get_readonly_fields(self, request, obj=None):
        return ("question", "country", "year", "expert") if obj else ()

    def save_model(self, request, obj, form, change):
        if not change:
            created = services.survey_assign(actor=request.user, question=obj.question, country=obj.country,
                                             year=obj.year, expert=obj.expert)
            obj.pk = created.pk


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SurveyAnswer)
class SurveyAnswerAdmin(ReadOnlyAdmin):
    list_display = ("assignment", "option", "confidence", "updated_at")


@admin.register(SurveyFinal)
class SurveyFinalAdmin(ReadOnlyAdmin):
    list_display = ("question", "country", "year", "option", "reviewer", "finalised_at")
    list_filter = ("year", "country")

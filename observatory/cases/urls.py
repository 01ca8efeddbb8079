from django.urls import path

from observatory.cases.views import cases, intake, public, self_report

app_name = "cases"
urlpatterns = [
    path("", cases.case_list, name="list"),
    path("new/", intake.case_new, name="new"),
    path("search/", cases.case_search, name="search"),
    path("follow-ups/", cases.follow_ups, name="follow_ups"),
    path("moderation/", cases.moderation, name="moderation"),
    path("report/", self_report.report, name="report"),
    path("report/status/", self_report.report_status, name="report_status"),
    path("violations/", public.violations, name="violations"),
    path("<uuid:case_id>/", cases.case_detail, name="detail"),
    path("<uuid:case_id>/identity/", cases.case_identity, name="identity"),
    path("<uuid:case_id>/edit/", intake.case_edit, name="edit"),
    path("<uuid:case_id>/status/", cases.case_status, name="status"),
    path("<uuid:case_id>/responses/new/", cases.response_new, name="response_new"),
    path("<uuid:case_id>/responses/<uuid:response_id>/", cases.response_edit, name="response_edit"),
    path("<uuid:case_id>/attachments/", cases.attachment_add, name="attachment_add"),
    path("<uuid:case_id>/attachments/<uuid:attachment_id>/", cases.attachment_download, name="attachment"),
]

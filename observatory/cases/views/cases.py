"""Case pages: lists, the case page, its identity page, status changes, responses and attachments."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from observatory import access
from observatory.accounts.models import Organisation
from observatory.cases import selectors, services
from observatory.cases.forms import AttachmentForm, ClientCodeSearchForm, RejectForm, ResponseForm
from observatory.cases.models import Attachment, CaseStatus, Response
from observatory.cases.policies import CASES, CaseAction, access_case, access_case_part, may_use_registry
from observatory.cases.services.attachments import EXTENSIONS, max_attachment_bytes
from observatory.cases.views.common import private
from observatory.core.forms import add_service_errors

PAGE_SIZES = (10, 25, 50, 100)


def _can(user, case) -> dict:
    return {action: CASES.user_can(user, action, case) for action in
            ("change", "view_identity", "moderate", "respond")}


def _registry_user(user) -> None:
    if not may_use_registry(user):
        raise Http404  # analysts and admins have no case records to see


@private
def case_list(request):
    """The cases in the user's scope, newest first, filtered by status, country and year; 10 to 100 a page."""
    _registry_user(request.user)
    status = request.GET.get("status") if request.GET.get("status") in CaseStatus.values else None
    country = (request.GET.get("country") or "").upper()[:3] or None
    try:
        year = int(request.GET.get("year", "")) if request.GET.get("year") else None
    except ValueError:
        year = None
    per_page = int(request.GET["per_page"]) if request.GET.get("per_page", "") in {str(n) for n in PAGE_SIZES} \
        else 25
    cases = selectors.case_list(user=request.user, status=status, country=country, year=year)
    page = Paginator(cases, per_page).get_page(request.GET.get("page"))
    # The countries a coordinator works for (nobody else is assigned countries), to filter the list by.
    countries = list(request.user.countries.order_by("iso3").values_list("iso3", flat=True))
    return render(request, "cases/case_list.html", {
        "page": page, "status": status or "", "country": country or "", "year": year or "", "per_page": per_page,
        "statuses": CaseStatus.choices, "countries": countries, "search_form": ClientCodeSearchForm(),
        "may_create": CASES.allows_any(request.user, CaseAction.CREATE),
    })


@private
@require_http_methods(["GET", "POST"])
def case_search(request):
    """Find cases by client code (exact match through the blind index). POST: the code never enters a URL.

    A GET (a bookmark, a reload) shows the empty search form.
    """
    _registry_user(request.user)
    if request.method == "GET":
        return render(request, "cases/search.html", {"search_form": ClientCodeSearchForm(), "found": [],
                                                     "searched": False})
    form = ClientCodeSearchForm(request.POST)
    found = selectors.case_find_by_client_code(user=request.user, code=form.data.get("client_code", "")) \
        if form.is_valid() else []
    return render(request, "cases/search.html", {"search_form": ClientCodeSearchForm(), "found": found,
                                                 "searched": form.is_valid()})


@private
def case_detail(request, case_id):
    case = access_case(user=request.user, case_id=case_id, action=CaseAction.VIEW)
    case = selectors.case_detail(user=request.user, case=case)
    can = _can(request.user, case)
    organisations = access.scope(request.user, access.Action.VIEW, Organisation).filter(
        country=case.country, active=True) if can["moderate"] and case.organisation_id is None else []
    return render(request, "cases/case_detail.html", {
        "case": case, "can": can, "reject_form": RejectForm(), "attachment_form": AttachmentForm(),
        "organisations": organisations, "max_mb": max_attachment_bytes() // (1024 * 1024),
    })


@private
def case_identity(request, case_id):
    """Names, contacts, the narrative and files of one case. Every display is written to the audit trail."""
    case = access_case(user=request.user, case_id=case_id, action=CaseAction.VIEW_IDENTITY)
    identity = selectors.case_identity(user=request.user, case=case, via="web")
    attachments = access.scope(request.user, CaseAction.VIEW, Attachment).filter(case=case).defer(
        "content_enc", "filename_enc")
    return render(request, "cases/case_identity.html", {"case": case, "identity": identity,
                                                        "attachments": attachments})


STATUS_ACTIONS = {"submit": CaseAction.CHANGE, "verify": CaseAction.MODERATE, "reject": CaseAction.MODERATE,
                  "close": CaseAction.RESPOND, "reopen": CaseAction.RESPOND}


@private
@require_POST
@access.not_found_on_denied
def case_status(request, case_id):
    action = request.POST.get("action", "")
    if action not in STATUS_ACTIONS:
        raise Http404
    case = access_case(user=request.user, case_id=case_id, action=STATUS_ACTIONS[action])
    try:
        if action == "submit":
            services.case_submit(actor=request.user, case=case)
        elif action == "verify":
            slug = request.POST.get("organisation") or ""
            organisation = access.scope(request.user, access.Action.VIEW, Organisation).filter(
                slug=slug, country=case.country).first() if slug else None
            services.case_verify(actor=request.user, case=case, organisation=organisation)
        elif action == "reject":
            services.case_reject(actor=request.user, case=case, reason=request.POST.get("reason", ""))
        elif action == "close":
            services.case_close(actor=request.user, case=case)
        else:
            services.case_reopen(actor=request.user, case=case)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Status changed: %(status)s.") % {"status": CaseStatus(case.status).label})
    if not CASES.user_can(request.user, CaseAction.VIEW, case):
        return redirect("cases:list")
    return redirect("cases:detail", case_id=case.uuid)


def _response_data(form, *, keep_notes: bool = False) -> services.ResponseData:
    data = form.cleaned_data
    return services.ResponseData(type=data["type"], status=data["status"], outcome=data["outcome"],
                                 started_on=data["started_on"], completed_on=data["completed_on"],
                                 follow_up_due=data["follow_up_due"],
                                 notes=None if keep_notes else data.get("notes", ""))


@private
def response_new(request, case_id):
    case = access_case(user=request.user, case_id=case_id, action=CaseAction.RESPOND)
    form = ResponseForm(request.POST or None)
    if not CASES.user_can(request.user, CaseAction.VIEW_IDENTITY, case):
        del form.fields["notes"]
    if request.method == "POST" and form.is_valid():
        try:
            services.response_create(actor=request.user, case=case, data=_response_data(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Response recorded."))
            return redirect("cases:detail", case_id=case.uuid)
    return render(request, "cases/response_form.html", {"case": case, "form": form})


@private
def response_edit(request, case_id, response_id):
    case = access_case(user=request.user, case_id=case_id, action=CaseAction.RESPOND)
    response = access_case_part(user=request.user, model=Response, case=case, part_id=response_id,
                                action=CaseAction.RESPOND)
    # Notes may name people: whoever may not see the case's identities neither reads nor overwrites them.
    may_see_notes = CASES.user_can(request.user, CaseAction.VIEW_IDENTITY, case)
    if request.method == "POST":
        form = ResponseForm(request.POST)
        if not may_see_notes:
            del form.fields["notes"]
        if form.is_valid():
            try:
                services.response_update(actor=request.user, response=response,
                                         data=_response_data(form, keep_notes=not may_see_notes))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Response saved."))
                return redirect("cases:detail", case_id=case.uuid)
    else:
        notes = selectors.response_notes(user=request.user, response=response) if may_see_notes else ""
        form = ResponseForm(initial={"type": response.type.code, "status": response.status,
                                     "outcome": response.outcome, "started_on": response.started_on,
                                     "completed_on": response.completed_on, "follow_up_due": response.follow_up_due,
                                     "notes": notes})
    if not may_see_notes:
        del form.fields["notes"]
    return render(request, "cases/response_form.html", {"case": case, "form": form, "response": response})


class _InMemoryUpload(MemoryFileUploadHandler):
    """Keep an upload in memory, never in a temporary file: the plain file must not touch the disk."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.activated = True


@csrf_exempt
def attachment_add(request, case_id):
    # The upload handler must be set before the CSRF check reads the body; the check follows right after.
    limit = max_attachment_bytes()
    if request.method == "POST":
        if int(request.META.get("CONTENT_LENGTH") or 0) > limit + 64 * 1024:
            return _too_large(request, case_id)
        request.upload_handlers = [_InMemoryUpload(request)]
    return _attachment_add(request, case_id)


@private
@csrf_protect
@require_POST
@access.not_found_on_denied
def _attachment_add(request, case_id):
    case = access_case(user=request.user, case_id=case_id, action=CaseAction.CHANGE)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.attachment_add(actor=request.user, case=case, filename=upload.name, content=upload.read())
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("File attached and encrypted."))
    else:
        messages.error(request, _("Choose a file to attach."))
    return redirect("cases:detail", case_id=case.uuid)


@private
def _too_large(request, case_id):
    access_case(user=request.user, case_id=case_id, action=CaseAction.CHANGE)
    messages.error(request, _("The file is larger than %(mb)s MB.") % {"mb": max_attachment_bytes() // (1024 * 1024)})
    return redirect("cases:detail", case_id=case_id)


@private
def attachment_download(request, case_id, attachment_id):
    """Send one decrypted file as a download (never shown inside a page). Audited."""
    case = access_case(user=request.user, case_id=case_id, action=CaseAction.VIEW_IDENTITY)
    attachment = access_case_part(user=request.user, model=Attachment, case=case, part_id=attachment_id)
    content = selectors.attachment_content(user=request.user, attachment=attachment)
    response = HttpResponse(content, content_type=attachment.content_type)
    name = f"{case.reference}-{str(attachment.uuid)[:8]}.{EXTENSIONS.get(attachment.content_type, 'bin')}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


@private
def follow_ups(request):
    """Responses whose follow-up date has passed, for case managers and coordinators."""
    if not CASES.allows_any(request.user, CaseAction.RESPOND):
        raise Http404
    return render(request, "cases/follow_ups.html", {"responses": selectors.follow_ups_overdue(user=request.user)})


@private
def moderation(request):
    """Submitted cases waiting for verification, anonymous self-reports first."""
    if not CASES.allows_any(request.user, CaseAction.MODERATE):
        raise Http404
    return render(request, "cases/moderation.html", {"cases": selectors.moderation_queue(user=request.user)})


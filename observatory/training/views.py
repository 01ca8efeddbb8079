"""Training pages: curricula, the toolkit library, a participant's tests and feedback (by their private link),
and the organisers' results."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from observatory import access
from observatory.cases.views.common import anonymous_private, private
from observatory.core.forms import add_service_errors
from observatory.countries.selectors import country_list_by_name
from observatory.meetings.models import Meeting, RegistrationStatus
from observatory.meetings.services.registrations import registration_by_token
from observatory.training import selectors, services
from observatory.training.forms import FeedbackForm, QuizForm
from observatory.training.models import (
    TOOLKIT_THEMES,
    Attempt,
    Curriculum,
    DocumentKind,
    Feedback,
    Phase,
    Quiz,
)

MAX_COURSE_FILE = 1024 * 1024


@require_safe
def index(request):
    return render(request, "training/index.html", {"curricula": list(selectors.curriculum_list(user=request.user))})


@require_safe
def toolkit(request):
    get = request.GET
    filters = {"q": get.get("q", "")[:200],
               "kind": get.get("kind", "") if get.get("kind") in DocumentKind.values else "",
               "language": get.get("language", "") if get.get("language") in ("en", "ru") else "",
               "country": get.get("country", "")[:3].upper(),
               "theme": get.get("theme", "") if get.get("theme") in TOOLKIT_THEMES else ""}
    return render(request, "training/toolkit.html", {
        "documents": selectors.toolkit_list(**filters), "filters": filters, "kinds": DocumentKind.choices,
        "themes": TOOLKIT_THEMES.items(), "countries": country_list_by_name()})


def _registration(token: str):
    registration = registration_by_token(token)
    if registration is None or registration.status != RegistrationStatus.REGISTERED:
        raise Http404
    return registration


@require_http_methods(["GET", "HEAD", "POST"])
@anonymous_private
def take(request, token: str, quiz: str, phase: str):
    """A participant's test, before or after the training; taken once per phase, then its score is shown."""
    registration = _registration(token)
    test = Quiz.objects.filter(meeting=registration.meeting, slug=quiz).first()
    if test is None or phase not in Phase.values:
        raise Http404
    done = Attempt.objects.filter(quiz=test, registration=registration, phase=phase).first()
    form = QuizForm(request.POST if request.method == "POST" and done is None else None, quiz=test)
    if form.is_bound and form.is_valid():
        try:
            services.attempt_submit(registration=registration, quiz=test, phase=phase, answers=form.answers())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("training:take", token=token, quiz=quiz, phase=phase)
    other = Attempt.objects.filter(quiz=test, registration=registration).exclude(phase=phase).first()
    return render(request, "training/take.html", {
        "quiz": test, "phase": phase, "phase_label": Phase(phase).label, "form": form, "done": done,
        "other": other, "token": token, "meeting": registration.meeting,
    }, status=400 if form.is_bound else 200)


@require_http_methods(["GET", "HEAD", "POST"])
@anonymous_private
def feedback(request, token: str):
    registration = _registration(token)
    done = Feedback.objects.filter(registration=registration).exists()
    form = FeedbackForm(request.POST if request.method == "POST" and not done else None)
    if form.is_bound and form.is_valid():
        try:
            services.feedback_submit(registration=registration, ratings=form.ratings(),
                                     comment=form.cleaned_data.get("comment") or "")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("training:feedback", token=token)
    return render(request, "training/feedback.html", {"form": form, "done": done, "token": token,
                                                      "meeting": registration.meeting},
                  status=400 if form.is_bound else 200)


@private
def results(request, slug: str):
    meeting = Meeting.objects.filter(slug=slug).first()
    if meeting is None or not access.user_can(request.user, "change", meeting):
        raise Http404
    return render(request, "training/results.html", {"meeting": meeting,
                                                     **selectors.results(user=request.user, meeting=meeting)})


def _may_load(user) -> bool:
    return any(access.policy_for(model).allows_any(user, "create") for model in (Quiz, Curriculum))


@private
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request):
    """Organisers load a course file (curricula, modules, tests, toolkit documents): all or nothing."""
    import yaml
    from django.core.exceptions import PermissionDenied

    if not _may_load(request.user):
        raise Http404
    problem, counts = "", None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            problem = _("Choose a YAML file to load.")
        elif upload.size > MAX_COURSE_FILE:
            problem = _("The file is larger than 1 MB.")
        elif not upload.name.lower().endswith((".yaml", ".yml")):
            problem = _("The file must be YAML (.yaml or .yml), laid out as the documentation shows.")
        else:
            import tempfile
            from pathlib import Path

            with tempfile.TemporaryDirectory() as directory:
                path = Path(directory) / Path(upload.name).name
                path.write_bytes(upload.read())
                try:
                    counts = services.training_load(actor=request.user, path=path)
                except yaml.YAMLError as error:
                    mark = getattr(error, "problem_mark", None)
                    problem = _("The file is not valid YAML (line %(line)s). Nothing was loaded.") % {
                        "line": mark.line + 1 if mark else "?"}
                except services.TrainingDataError as error:
                    problem = _("%(problem)s. Nothing was loaded.") % {"problem": error}
                except PermissionDenied:
                    problem = _("The file holds records you may not change: curricula, modules and toolkit "
                                "documents are the secretariat's; tests, those of the meetings you organise. "
                                "Nothing was loaded.")
    kept = access.scope(request.user, "view", Quiz).select_related("meeting")
    return render(request, "training/manage.html", {
        "problem": problem, "counts": counts, "tests": list(kept),
        "curricula": list(access.scope(request.user, "view", Curriculum)) if request.user.is_authenticated else [],
    }, status=400 if problem else 200)

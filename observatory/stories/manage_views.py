"""The editors' pages: their stories, writing, preview, history, review and publication, and images."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from observatory import access
from observatory.countries.selectors import countries_allowing, country_get
from observatory.stories import markup, selectors, services
from observatory.stories.blocks import PARSERS
from observatory.stories.forms import ImageForm, ReviewForm, StoryForm
from observatory.stories.models import Story, StoryImage, StoryStatus
from observatory.stories.policies import PUBLISH, SUBMIT, UNPUBLISH


def _to_translate(request) -> Story | None:
    value = request.GET.get("translate", "")
    if not value.isdigit():
        return None
    return access.scope(request.user, access.Action.CHANGE, Story).filter(pk=int(value)).first()


def _may_leave_out_country(user) -> bool:
    """Whether the reader may write a story about no country in particular (the policy decides)."""
    return access.user_can(user, access.Action.CREATE, Story(language="en", slug="x", title="x"))


def _form_errors(form, error: ValidationError) -> None:
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


@login_required
def manage(request):
    if not access.policy_for(Story).allows_any(request.user, access.Action.CHANGE):
        raise Http404
    status = request.GET.get("status", "")
    status = status if status in StoryStatus.values else ""
    stories = selectors.stories_to_manage(user=request.user, status=status or None)
    rows = [{"story": s, "may_publish": access.user_can(request.user, PUBLISH, s)} for s in stories]
    return render(request, "stories/manage/list.html", {
        "rows": rows, "status": status, "statuses": StoryStatus.choices,
        "may_create": access.policy_for(Story).allows_any(request.user, access.Action.CREATE)})


@login_required
def new(request):
    if not access.policy_for(Story).allows_any(request.user, access.Action.CREATE):
        raise Http404
    countries = countries_allowing(user=request.user, model=Story, action="create")
    initial = {"language": request.LANGUAGE_CODE, "country": request.GET.get("country", "")}
    original = _to_translate(request)
    if original is not None:  # a translation starts from the original's text, in the other language
        other = next(code for code, _name in settings.LANGUAGES if code != original.language)
        initial = {"language": other, "slug": original.slug, "is_original": False, "kind": original.kind,
                   "country": original.country.iso3 if original.country else "", "title": original.title,
                   "summary": original.summary, "body": original.body}
    form = StoryForm(request.POST or None, countries=countries, allow_no_country=_may_leave_out_country(request.user),
                     initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            story = services.story_create(
                actor=request.user, language=data["language"], slug=data["slug"], kind=data["kind"],
                country=country_get(iso3=data["country"]) if data["country"] else None, title=data["title"],
                summary=data["summary"], body=data["body"], is_original=data["is_original"])
        except ValidationError as error:
            _form_errors(form, error)
        except services.PermissionDenied:
            form.add_error("country", _("You may write stories only about your own countries."))
        else:
            messages.success(request, _("The draft is saved."))
            return redirect("stories:edit", pk=story.pk)
    return render(request, "stories/manage/edit.html", {"form": form, "story": None, "blocks": PARSERS})


@login_required
@access.not_found_on_denied
def edit(request, pk: int):
    story = access.access_object(user=request.user, model=Story, action=access.Action.CHANGE, pk=pk)
    latest = services.latest_revision(story)
    countries = countries_allowing(user=request.user, model=Story, action="create")
    if story.country and story.country not in countries:
        countries = [story.country, *countries]
    initial = {"language": story.language, "slug": story.slug, "is_original": story.is_original,
               "kind": story.kind, "country": story.country.iso3 if story.country else "", "title": story.title,
               "summary": story.summary, "body": story.body, "based_on": latest.number if latest else None}
    form = StoryForm(request.POST or None, initial=initial, countries=countries, fixed=True,
                     allow_no_country=_may_leave_out_country(request.user) or story.country is None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            story, changed = services.story_update(
                actor=request.user, story=story, based_on=data["based_on"], title=data["title"],
                summary=data["summary"], body=data["body"], kind=data["kind"],
                country=country_get(iso3=data["country"]) if data["country"] else None)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Saved.") if changed else _("Nothing had changed; nothing was saved."))
            return redirect("stories:edit", pk=story.pk)
    versions = list(Story.objects.filter(slug=story.slug))  # this story in each language
    return render(request, "stories/manage/edit.html", {
        "form": form, "story": story, "blocks": PARSERS, "review_form": ReviewForm(),
        "may_submit": access.user_can(request.user, SUBMIT, story),
        "may_publish": access.user_can(request.user, PUBLISH, story),
        "may_unpublish": access.user_can(request.user, UNPUBLISH, story) and story.live_revision_id,
        "translations": [s for s in versions if s.pk != story.pk],
        "untranslated": [(code, name) for code, name in settings.LANGUAGES
                         if code not in {s.language for s in versions}]})


@login_required
@access.not_found_on_denied
def preview(request, pk: int):
    """The working copy as readers would see it, with a banner; never cached, never indexed."""
    story = access.access_object(user=request.user, model=Story, action=access.Action.CHANGE, pk=pk)
    page = markup.render(story.body)
    response = render(request, "stories/detail.html", {
        "story": story, "revision": story, "page": page, "preview": True, "translations": [],
        "scripts": page.has_live_chart})
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@access.not_found_on_denied
def history(request, pk: int):
    story = access.access_object(user=request.user, model=Story, action=access.Action.CHANGE, pk=pk)
    revisions = selectors.story_revisions(user=request.user, story=story)
    shown = None
    if request.GET.get("r", "").isdigit():
        shown = revisions.filter(number=int(request.GET["r"])).first()
    return render(request, "stories/manage/history.html", {"story": story, "revisions": revisions, "shown": shown})


@require_POST
@login_required
@access.not_found_on_denied
def act(request, pk: int, action: str):
    """Send for review, return to the author, publish (now or later), or withdraw."""
    story = access.access_object(user=request.user, model=Story, action=access.Action.VIEW, pk=pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return redirect("stories:edit", pk=story.pk)
    comment, at = form.cleaned_data["comment"], form.cleaned_data["at"]
    done = {"submit": (services.story_submit, {"comment": comment}, _("Sent for review.")),
            "reject": (services.story_reject, {"comment": comment}, _("Returned to the author with your comment.")),
            "publish": (services.story_publish, {"at": at}, _("Published.") if at is None else
                        _("Scheduled: it will appear at the time you set.")),
            "unpublish": (services.story_unpublish, {}, _("Withdrawn from the site."))}
    if action not in done:
        raise Http404
    service, arguments, message = done[action]
    try:
        service(actor=request.user, story=story, **arguments)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, message)
    if not access.user_can(request.user, access.Action.CHANGE, story):
        return redirect("stories:manage")
    return redirect("stories:edit", pk=story.pk)


@login_required
def images(request):
    if not access.policy_for(StoryImage).allows_any(request.user, access.Action.CREATE):
        raise Http404
    form = ImageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            image, created = services.image_upload(
                actor=request.user, data=data["file"].read(), alt_text=data["alt_text"],
                alt_text_ru=data["alt_text_ru"], credit=data["credit"], licence=data["licence"],
                source_url=data["source_url"])
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, (_("Image %(n)s is kept without its metadata. Put it in a story with the "
                                         "line ::: image %(n)s") if created else
                                       _("This image was already uploaded as image %(n)s.")) % {"n": image.pk})
            return redirect("stories:images")
    return render(request, "stories/manage/images.html", {
        "form": form, "images": selectors.images_to_manage(user=request.user)})

"""The training's links on the meetings pages (registered with ``observatory.meetings.extensions``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _


def participant_links(registration, token: str) -> list[dict]:
    from observatory.training.models import Feedback, Phase

    links = []
    for quiz in registration.meeting.quizzes.all():
        taken = set(quiz.attempts.filter(registration=registration).values_list("phase", flat=True))
        for phase in Phase.values:
            label = {"pre": _("Test before the training: %(title)s"),
                     "post": _("Test after the training: %(title)s")}[phase] % {"title": quiz.title}
            links.append({"label": label + (f" ({_('done')})" if phase in taken else ""),
                          "url": reverse("training:take",
                                         kwargs={"token": token, "quiz": quiz.slug, "phase": phase})})
    if registration.meeting.kind == "training" or links:
        done = Feedback.objects.filter(registration=registration).exists()
        links.append({"label": _("Feedback on the training") + (f" ({_('done')})" if done else ""),
                      "url": reverse("training:feedback", kwargs={"token": token})})
    return links


def organiser_links(meeting) -> list[dict]:
    if meeting.kind != "training" and not meeting.quizzes.exists():
        return []
    return [{"label": _("Test results and feedback"),
             "url": reverse("training:results", kwargs={"slug": meeting.slug})}]


def entries():
    """What the site search finds: the toolkit library's documents."""
    from observatory.core.i18n import is_russian
    from observatory.training.models import ToolkitDocument

    toolkit = reverse("training:toolkit")
    for document in ToolkitDocument.objects.order_by("slug"):
        title = document.title_ru if is_russian() and document.title_ru else document.title
        yield ("toolkit", document.slug, title, f"{document.publisher} {document.summary}",
               f"{toolkit}#{document.slug}")

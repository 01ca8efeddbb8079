"""Meetings in the JSON API: the public calendar (published meetings only) and registration.

Participants are never in any answer. Registering again with the same address answers 200 with the
same registration and without its private link, which is e-mailed again to that address instead.
"""

# No "from __future__ import annotations": django-ninja reads the Literal types of the parameters at runtime.
import datetime
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from observatory import access
from observatory.core.apitools import (
    BoundedPageNumberPagination,
    MessageOut,
    ValidationErrorOut,
)
from observatory.core.i18n import language_code
from observatory.core.ratelimit import RateLimited, rate_limit
from observatory.meetings import selectors
from observatory.meetings.models import FollowUpStatus, Sector
from observatory.meetings.services.registrations import (
    LIMITS,
    RegistrationData,
    registration_submit,
)

router = Router()


class SessionOut(Schema):
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None
    title_en: str
    title_ru: str
    speakers: str
    language: str
    interpretation: str


class RecommendationOut(Schema):
    id: str
    text_en: str
    text_ru: str
    commitments: list[str] = Field(description="Review-tracker items it serves, as process/item codes.")
    status: str | None = Field(description="The newest follow-up: " + ", ".join(FollowUpStatus.values) + ".")
    evidence: str | None


class MeetingOut(Schema):
    slug: str
    kind: str
    title_en: str
    title_ru: str
    starts_on: datetime.date
    ends_on: datetime.date
    city: str
    country: str
    online: bool
    registration_open: bool
    programme: list[SessionOut]
    recommendations: list[RecommendationOut]
    url: str


def _meeting(meeting) -> dict:
    return {
        "slug": meeting.slug, "kind": meeting.kind, "title_en": meeting.title_en, "title_ru": meeting.title_ru,
        "starts_on": meeting.starts_on, "ends_on": meeting.ends_on, "city": meeting.city,
        "country": meeting.country.iso3, "online": meeting.online, "registration_open": meeting.registration_open,
        "programme": list(meeting.sessions.all()),
        "recommendations": [{"id": str(r.uuid), "text_en": r.text_en, "text_ru": r.text_ru,
                             "commitments": [f"{i.process.code}/{i.code}" for i in r.review_items.all()],
                             "status": r.current_status, "evidence": r.current_evidence}
                            for r in selectors.recommendations_of(meeting)],
        "url": reverse("meetings:detail", kwargs={"slug": meeting.slug}),
    }


@router.get("/meetings", response=list[MeetingOut], summary="Published meetings: forums, workshops, trainings")
@paginate(BoundedPageNumberPagination, page_size=50)
def meetings_api(request, kind: Literal["forum", "workshop", "training", "webinar"] | None = None):
    # The public calendar: what a visitor sees, whoever asks.
    return [_meeting(m) for m in selectors.meeting_list(user=access.VISITOR, kind=kind or "")]


SectorName = Literal["civil_society", "pwud_community", "law_enforcement", "government", "international", "donor",
                     "other"]
assert set(SectorName.__args__) == set(Sector.values)  # noqa: S101 - the API names every sector of the model


class RegistrationIn(Schema):
    name: str = Field(..., min_length=1, max_length=LIMITS["name"])
    email: str = Field(..., min_length=3, max_length=LIMITS["email"])
    sector: SectorName
    consent: bool = Field(..., description="Must be true: the participant agrees that the organisers keep these "
                                           "details, encrypted, for this meeting.")
    organisation: str = Field("", max_length=LIMITS["organisation"])
    needs: str = Field("", max_length=LIMITS["needs"], description="Accessibility or other needs.")


class RegistrationOut(Schema):
    id: str
    meeting: str
    status: str
    private_link: str | None = Field(description="Only when the registration is new: the participant's own page "
                                                 "(see, check in, withdraw). Keep it private.")
    detail: str


@router.post("/meetings/{slug}/registrations", auth=None,
             response={200: RegistrationOut, 201: RegistrationOut, 404: MessageOut, 409: MessageOut,
                       422: ValidationErrorOut, 429: MessageOut},
             summary="Register for a meeting (idempotent by e-mail address)")
def register_api(request, slug: str, payload: RegistrationIn):
    wait = rate_limit(request, group="meetings_register", limit=10, window=3600)
    if wait:
        raise RateLimited(wait)
    meeting = selectors.meeting_list(user=access.VISITOR).filter(slug=slug).first()
    if meeting is None:
        return Status(404, {"detail": "No published meeting has this slug."})
    try:
        registration, created, token = registration_submit(
            actor=access.VISITOR, meeting=meeting, language=language_code(),
            data=RegistrationData(**payload.dict()))
    except PermissionDenied:
        return Status(409, {"detail": "Registration for this meeting is closed."})
    except ValidationError as error:
        return Status(422, {"detail": [{"loc": ["body", "payload", field], "msg": str(messages[0]),
                                        "type": "value_error"}
                                       for field, messages in error.message_dict.items()]})
    body = {"id": str(registration.uuid), "meeting": meeting.slug, "status": registration.status,
            "private_link": request.build_absolute_uri(reverse("meetings:registration", kwargs={"token": token}))
            if created else None,
            "detail": "Registered." if created else "Already registered with this address: the private link was "
                                                    "sent again to it."}
    return Status(201 if created else 200, body)

"""E-mail to participants, sent by the worker. The queue holds the registration's id, never the address.

The address and the private link's token are decrypted only when the message is sent, and the use is
audited (``meetings.contact_use``). A reminder carries the meeting's calendar file.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from observatory import access
from observatory.jobs.tasks import EmailFailed


def private_url(token: str, language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse("meetings:registration", kwargs={"token": token})


@task()
def registration_email_task(*, registration_id: str, event: str, language: str) -> int:
    from observatory.audit.services import audit_record
    from observatory.cases import crypto
    from observatory.meetings.calendar import meeting_ics
    from observatory.meetings.models import Registration, RegistrationStatus

    registration = Registration.objects.select_related("meeting", "meeting__country").filter(
        uuid=registration_id).first()
    if registration is None or registration.status != RegistrationStatus.REGISTERED:
        return 0
    address, token = crypto.unseal(registration, "email"), crypto.unseal(registration, "token")
    if not address or not token:
        return 0
    meeting = registration.meeting
    with translation.override(language):
        dates = formats.date_format(meeting.starts_on, "DATE_FORMAT")
        values = {"meeting": meeting.title, "date": dates, "link": private_url(token, language)}
        subject = {"registered": _("You are registered: %(meeting)s"),
                   "link_again": _("Your registration: %(meeting)s"),
                   "reminder": _("Reminder: %(meeting)s starts on %(date)s")}[event] % values
        body = {"registered": _("You are registered for %(meeting)s, starting on %(date)s.\n\nYour private link, to "
                                "see your registration, show your check-in code or withdraw:\n%(link)s\n\nKeep "
                                "this link to yourself: it opens your registration without a password."),
                "link_again": _("Someone registered again for %(meeting)s with this address; you are already "
                                "registered, and nothing changed.\n\nYour private link:\n%(link)s"),
                "reminder": _("%(meeting)s starts on %(date)s. The calendar file is attached.\n\nYour private "
                              "link, with your check-in code:\n%(link)s")}[event] % values
        message = EmailMessage(subject=subject, body=body, to=[address])
        if event == "reminder":
            message.attach(f"{meeting.slug}.ics", meeting_ics(meeting, language=language), "text/calendar")
    audit_record(actor=access.SYSTEM, action="meetings.contact_use", obj=registration,
                 details={"fields": ["email"], "purpose": event})
    try:
        return message.send()
    except Exception as error:
        raise EmailFailed(type(error).__name__) from None

"""E-mail to applicants, sent by the worker. The queue holds the member's id, never the address.

The address is decrypted only when the message is sent, and the use is audited
(``network.contact_use``): a plain address in the task queue would be an
identity at rest outside the encryption.
"""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.tasks import task
from django.utils import translation
from django.utils.translation import gettext as _

from observatory import access
from observatory.jobs.tasks import EmailFailed


@task()
def applicant_email_task(*, member_id: str, event: str, language: str) -> int:
    from observatory.audit.services import audit_record
    from observatory.cases import crypto
    from observatory.network.models import Member

    member = Member.objects.select_related("country").filter(uuid=member_id).first()
    if member is None:
        return 0
    address = crypto.unseal(member, "email")
    if not address:
        return 0
    with translation.override(language):
        subject = {"received": _("Your application to the network was received"),
                   "approved": _("Welcome to the network"),
                   "declined": _("Your application to the network")}[event]
        body = {"received": _("Thank you for applying to join the network. The coordinator for %(country)s will "
                              "review your application, and you will hear from us by e-mail."),
                "approved": _("Your application was approved: you are now a member of the network in %(country)s."),
                "declined": _("The coordinator for %(country)s could not approve your application. You are welcome "
                              "to write to the network's secretariat about it.")}[event]
        text = body % {"country": member.country.name_in(language)}
    audit_record(actor=access.SYSTEM, action="network.contact_use", obj=member,
                 details={"fields": ["email"], "purpose": f"application {event}"})
    try:
        return EmailMessage(subject=str(subject), body=text, to=[address]).send()
    except Exception as error:
        raise EmailFailed(type(error).__name__) from None

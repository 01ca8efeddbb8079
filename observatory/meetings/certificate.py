"""The certificate of attendance as a PDF (the Typst pipeline of the briefs), in English or Russian."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _


def certificate_pdf(certificate, *, language: str) -> bytes:
    from observatory import access
    from observatory.audit.services import audit_record
    from observatory.cases import crypto
    from observatory.reports.documents.common import Document
    from observatory.reports.documents.engine import pdf_render

    registration = certificate.registration
    meeting = registration.meeting
    name = crypto.unseal(registration, "name")
    audit_record(actor=access.SYSTEM, action="meetings.contact_use", obj=registration,
                 details={"fields": ["name"], "purpose": "certificate"})
    with translation.override(language):
        first, last = (formats.date_format(d, "DATE_FORMAT") for d in (meeting.starts_on, meeting.ends_on))
        dates = first if meeting.starts_on == meeting.ends_on else f"{first} – {last}"
        place = _("online") if meeting.online else ", ".join(p for p in (meeting.city_name, meeting.country.name) if p)
        verify = settings.SITE_URL + reverse("meetings:verify")
        document = Document(kind="certificate", language=language, title=_("Certificate of attendance"),
                            subtitle=meeting.title)
        document.paragraph(_("This certifies that"), style="lead")
        document.heading(name)
        document.paragraph(_("took part in %(meeting)s (%(kind)s), %(place)s, %(dates)s.") % {
            "meeting": meeting.title, "kind": meeting.get_kind_display().lower(), "place": place, "dates": dates},
            style="lead")
        if meeting.organisers:
            document.paragraph(_("Organised by %(organisers)s.") % {"organisers": meeting.organisers})
        document.paragraph(runs=[{"text": _("Verification code:") + " "}, {"text": certificate.code, "strong": True}])
        document.paragraph(_("Anyone can check this certificate at %(url)s with its code.") % {"url": verify},
                           style="note")
        return pdf_render(document)

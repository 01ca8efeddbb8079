"""The shadow report: civil society's assessment of one country in one round of a review process.

Everything comes from the review tracker's ``shadow_report_context`` (which checks
access); this module only puts it into a document.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from observatory.access import VISITOR
from observatory.reports.documents.common import Document, number, refs

CHANGE_LABELS = {
    "improved": lambda: _("improved since %(year)s"),
    "regressed": lambda: _("worse than in %(year)s"),
    "same": lambda: _("unchanged since %(year)s"),
    "first": lambda: _("not assessed in %(year)s"),
}


def _summary(doc: Document, context: dict) -> None:
    counts = [c for c in context["counts"] if c["n"]]
    text = _("%(assessed)s of %(total)s items are assessed.") % {"assessed": context["assessed"],
                                                                 "total": len(context["entries"])}
    if counts:
        text += " " + "; ".join(f"{c['label']}: {c['n']}" for c in counts) + "."
    doc.paragraph(text)
    if not context["round"].published:
        doc.paragraph(runs=[{"text": _("Draft: this round is not published."), "strong": True}])


def _funding(doc: Document, context: dict) -> None:
    funding = context["funding"]
    if not funding:
        return
    doc.heading(_("State funding for harm reduction"))
    n = doc.sources.document(title=funding["source_title"] or funding["source_url"], url=funding["source_url"])
    doc.paragraph(runs=[{"text": f"{number(funding['amount'], 0)} {funding['currency']}", "strong": True},
                        {"text": f" ({funding['year']}) {refs([n])}"}])
    if funding["note"]:
        doc.paragraph(funding["note"], style="note")


def _items(doc: Document, context: dict) -> None:
    previous = context["previous_round"]
    doc.heading(_("Assessment of each item"))
    for group in context["groups"]:
        if group["heading"]:
            doc.heading(group["heading"], level=2)
        rows = []
        for entry in group["entries"]:
            status = entry["status_label"] or _("not assessed")
            if previous is not None and entry["status"] and str(entry["change"]) in CHANGE_LABELS:
                status += "; " + CHANGE_LABELS[str(entry["change"])]() % {"year": previous.year}
            numbers = [doc.sources.document(title=link.get("title", ""), url=link.get("url", ""))
                       for link in entry["evidence"]]
            comment = f"{entry['comment']} {refs(numbers)}".strip()
            rows.append([entry["item"].number, {"text": entry["item"].title, "strong": True}, status,
                         comment or {"text": "—", "muted": True}])
        doc.add({"type": "table", "columns": [{"label": _("No."), "width": "auto"},
                                              {"label": _("Item"), "width": "32%"},
                                              {"label": _("Status"), "width": "20%"},
                                              {"label": _("Comment and evidence"), "width": "1fr"}],
                 "rows": rows})


def shadow_report(*, review_round, country, language: str, user=VISITOR) -> Document:
    """The shadow report in the active language; ``Http404`` when ``user`` may not read the round's records."""
    from observatory.reviews.selectors import shadow_report_context

    context = shadow_report_context(review_round, country, user=user)
    process = context["process"]
    doc = Document(kind="shadow", language=language,
                   title=_("%(country)s: civil society assessment of %(process)s, %(year)s") % {
                       "country": country.name, "process": process.short_title, "year": review_round.year},
                   subtitle=_("Shadow report"))
    doc.paragraph(process.title, style="facts")
    if context["introduction"]:
        doc.heading(_("Introduction"))
        for paragraph in [p for p in context["introduction"].split("\n\n") if p.strip()]:
            doc.paragraph(" ".join(paragraph.split()), style="lead")
    doc.heading(_("Summary"))
    _summary(doc, context)
    _items(doc, context)
    _funding(doc, context)
    for source in context["sources"]:
        doc.sources.document(title=source.get("title", ""), url=source.get("url", ""),
                             publisher=source.get("publisher", ""))
    doc.paragraph(_("Statuses, comments and evidence are the assessment of civil society organisations in the "
                    "country, recorded in the Drug Policy Observatory's review tracker."), style="note")
    return doc

"""Where an action's evidence lives on the platform: each kind of reference as a link (public pages only)."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse


def evidence_url(kind: str, ref: str) -> str | None:
    """The public page of one evidence item, or ``None`` when the reference names none."""
    parts = ref.split("/")
    try:
        if kind == "indicator":
            return reverse("indicators:detail", args=[ref])
        if kind == "brief":
            return reverse("reports:brief", args=[ref.upper()])
        if kind == "law":
            return reverse("laws:country", args=[ref.upper()])
        if kind == "finding" and len(parts) == 3:
            return reverse("impact:analysis", args=[parts[0].upper(), parts[1], parts[2]])
        if kind == "review":
            return reverse("reviews:process", args=[parts[0]])
        if kind == "violations" and len(parts) == 2 and parts[1].isdigit():
            return f"{reverse('violations:index')}?country={parts[0].upper()}&year={parts[1]}"
    except NoReverseMatch:
        return None
    return None

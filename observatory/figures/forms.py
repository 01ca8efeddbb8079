from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

ROWS = 5


class FigureForm(forms.Form):
    """A figure (or a table of up to five years) with the document it is read in."""

    country = forms.ChoiceField(label=_("Country"))
    indicator = forms.ChoiceField(label=_("Indicator"))
    # Checked by the service with every other problem at once (a form error would hide the rows' problems).
    document_title = forms.CharField(label=_("Source document"), max_length=400, required=False,
                                     help_text=_("e.g. National Drug Report 2023; the ministry's letter No. … of …"))
    publisher = forms.CharField(label=_("Published by"), max_length=300, required=False)
    page = forms.CharField(label=_("Page, table or section"), max_length=100, required=False)
    document_url = forms.URLField(label=_("Address of the document"), required=False, max_length=500)
    document_file = forms.FileField(label=_("Or attach the document"), required=False,
                                    help_text=_("PDF, DOCX, XLSX, ODT, PNG or JPEG, up to 10 MB. Remove any personal "
                                                "data first."))
    comment = forms.CharField(label=_("Comment for the reviewer"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, countries, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.countries = {c.iso3: c for c in countries}
        self.indicators = {i.code: i for i in indicators}
        self.fields["country"].choices = [(c.iso3, c.name) for c in countries]
        self.fields["indicator"].choices = [(i.code, f"{i.name} ({i.unit})" if i.unit else i.name)
                                            for i in indicators]
        for n in range(1, ROWS + 1):
            self.fields[f"year_{n}"] = forms.IntegerField(label=_("Year"), required=False, min_value=1900,
                                                          max_value=2100)
            self.fields[f"value_{n}"] = forms.CharField(label=_("Value"), required=False, max_length=30)
            self.fields[f"note_{n}"] = forms.CharField(label=_("Note"), required=False, max_length=300)

    def clean_country(self):
        return self.countries[self.cleaned_data["country"]]

    def clean_indicator(self):
        return self.indicators[self.cleaned_data["indicator"]]

    def rows(self) -> tuple[list[dict], dict[str, str]]:
        """The filled rows, and the problems of reading them (a value that is not a number)."""
        rows, errors = [], {}
        for n in range(1, ROWS + 1):
            year, text, note = (self.cleaned_data.get(f"{k}_{n}") for k in ("year", "value", "note"))
            if year is None and not (text or "").strip():
                continue
            value = None
            if (text or "").strip():
                cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
                try:
                    value = float(cleaned)
                except ValueError:
                    errors[f"value_{n}"] = _("Write a number, e.g. 1234 or 12.5.")
            rows.append({"year": year, "value": value, "note": note or ""})
        return rows, errors

    def row_fields(self):
        return [(self[f"year_{n}"], self[f"value_{n}"], self[f"note_{n}"]) for n in range(1, ROWS + 1)]


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[("accept", _("Accept and import")),
                                                               ("reject", _("Reject"))],
                                 widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reason or note for the member"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))

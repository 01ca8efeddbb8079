"""Forms of the editors' pages."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from observatory.stories.models import StoryKind


class StoryForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    slug = forms.SlugField(label=_("Address"), max_length=80,
                           help_text=_("Latin letters, digits and hyphens, e.g. baltic-trip-latvia. The same in "
                                       "both languages, so that the two versions know each other."))
    is_original = forms.BooleanField(label=_("This is the original text (untick for a translation)"),
                                     required=False, initial=True)
    kind = forms.ChoiceField(label=_("Kind"), choices=StoryKind.choices)
    country = forms.ChoiceField(label=_("Country"), required=False)
    title = forms.CharField(label=pgettext_lazy("story", "Title"), max_length=200)
    summary = forms.CharField(label=pgettext_lazy("story", "Summary"), max_length=400, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}),
                              help_text=_("One or two sentences, shown in lists, feeds and link previews."))
    body = forms.CharField(label=pgettext_lazy("story", "Text"), required=False,
                           widget=forms.Textarea(attrs={"rows": 24}))
    based_on = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, countries=(), fixed=False, allow_no_country=True, **kwargs):
        super().__init__(*args, **kwargs)
        none = [("", _("(none)"))] if allow_no_country else []
        self.fields["country"].choices = none + [(c.iso3, c.name) for c in countries]
        self.fields["country"].required = not allow_no_country
        if fixed:  # language and address are set when the story is made
            for name in ("language", "slug", "is_original"):
                self.fields[name].disabled = True


class ReviewForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    at = forms.DateTimeField(label=_("Publish at (UTC; empty: now)"), required=False,
                             widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                             input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])


class ImageForm(forms.Form):
    file = forms.FileField(label=_("Image (JPEG, PNG or WebP, at most 5 MB)"))
    alt_text = forms.CharField(label=_("What it shows, for people who cannot see it (English)"), max_length=300)
    alt_text_ru = forms.CharField(label=_("What it shows, for people who cannot see it (Russian)"), max_length=300)
    credit = forms.CharField(label=_("Credit (author or owner)"), max_length=200)
    licence = forms.CharField(label=_("Licence (e.g. CC BY 4.0, or “used with permission”)"), max_length=100)
    source_url = forms.URLField(label=_("Where it comes from (link)"), required=False)

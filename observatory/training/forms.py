from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from observatory.core.i18n import in_language
from observatory.training.models import FEEDBACK_QUESTIONS

RATINGS = [(str(n), label) for n, label in ((1, _("1, poor")), (2, "2"), (3, "3"), (4, "4"), (5, _("5, very good")))]


class QuizForm(forms.Form):
    """One radio group per question, in the page's language; the right answers are never in the page."""

    def __init__(self, *args, quiz, **kwargs):
        super().__init__(*args, **kwargs)
        for number, question in enumerate(quiz.questions, start=1):
            options = in_language(question["options_en"], question["options_ru"])
            self.fields[f"q_{question['id']}"] = forms.TypedChoiceField(
                label=f"{number}. {in_language(question['text_en'], question['text_ru'])}",
                choices=list(enumerate(options)), coerce=int, widget=forms.RadioSelect, required=False)

    def answers(self) -> dict[str, int | None]:
        return {name[2:]: (value if value != "" else None) for name, value in self.cleaned_data.items()}


class FeedbackForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in FEEDBACK_QUESTIONS.items():
            self.fields[key] = forms.TypedChoiceField(label=label, choices=RATINGS, coerce=int,
                                                      widget=forms.RadioSelect, required=False)
        self.fields["comment"] = forms.CharField(
            label=_("Anything else you want to tell the organisers"), required=False, max_length=3000,
            widget=forms.Textarea(attrs={"rows": 4}),
            help_text=_("The organisers read it without your name. Please name no one."))

    def ratings(self) -> dict[str, int | None]:
        return {key: (self.cleaned_data.get(key) or None) for key in FEEDBACK_QUESTIONS}

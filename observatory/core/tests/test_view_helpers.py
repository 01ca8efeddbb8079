"""The plumbing every page shares: a service's errors on the form, a denial as a 404, texts in two languages."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.urls import path
from django.utils import translation

from observatory import access
from observatory.core.forms import add_service_errors
from observatory.core.i18n import in_language, is_russian, language_code, translated
from observatory.events.models import PolicyEvent

# --- a service's ValidationError on the form ---------------------------------------------------------


class TitleForm(forms.Form):
    title = forms.CharField()
    victim_name = forms.CharField(required=False)


class RowForm(forms.Form):
    violation = forms.CharField()


RowFormSet = forms.formset_factory(RowForm, extra=2)


def test_a_field_error_lands_on_its_field_and_an_unknown_key_at_the_top():
    form = TitleForm({"title": "x"})
    assert form.is_valid()

    add_service_errors(form, ValidationError({"title": "This title is taken.", "slug": "Choose another address."}))

    assert form["title"].errors == ["This title is taken."]
    assert form.non_field_errors() == ["Choose another address."]
    page = form.as_div()
    assert page.index("Choose another address.") < page.index("This title is taken.")  # the top comes first


def test_an_error_without_a_field_lands_at_the_top_with_its_text():
    form = TitleForm({"title": "x"})
    form.is_valid()

    add_service_errors(form, ValidationError("The round is closed for %(year)s.", params={"year": 2024}))

    assert form.non_field_errors() == ["The round is closed for 2024."]
    assert not form["title"].errors


def test_a_service_key_maps_to_the_form_field_that_shows_it():
    form = TitleForm({"title": "x"})
    form.is_valid()

    add_service_errors(form, ValidationError({"victim.name": "Too long."}), field_for={"victim.name": "victim_name"})

    assert form["victim_name"].errors == ["Too long."]
    assert form.non_field_errors() == []


def test_formset_errors_land_on_the_row_they_name_and_the_whole_formset_errors_are_returned():
    form = TitleForm({"title": "x"})
    formset = RowFormSet({"rows-TOTAL_FORMS": "2", "rows-INITIAL_FORMS": "0", "rows-0-violation": "a",
                          "rows-1-violation": "b"}, prefix="rows")
    assert form.is_valid() and formset.is_valid()

    returned = add_service_errors(form, ValidationError({
        "rows.1.violation": "Choose a violation from the list.",
        "rows.0.place": "Unknown place.",
        "rows.7.violation": "There is no eighth act.",
        "rows": "Give at least one source.",
    }), formset=formset)

    assert formset.forms[1]["violation"].errors == ["Choose a violation from the list."]
    assert formset.forms[0].non_field_errors() == ["Unknown place."]
    assert form.non_field_errors() == ["There is no eighth act."]
    assert returned == ["Give at least one source."]


# --- a denial answers like a missing record -----------------------------------------------------------


def event_page(request, slug):
    event = access.access_object(user=request.user, model=PolicyEvent, slug=slug)
    return HttpResponse(event.title)


def _delete(request, slug):
    event = access.access_object(user=request.user, model=PolicyEvent, slug=slug)
    access.require(request.user, access.Action.DELETE, event)  # the check a service makes
    return HttpResponse("deleted")


urlpatterns = [
    path("event/<slug:slug>", event_page),
    path("event/<slug:slug>/delete", access.not_found_on_denied(_delete)),
    path("unwrapped/<slug:slug>/delete", _delete),
]


@pytest.fixture
def published_event(countries):
    return PolicyEvent.objects.create(slug="ukr-2015-law", country=countries["UKR"], date=dt.date(2015, 1, 1),
                                      precision="year", type="law_change", title_en="A law", title_ru="Закон",
                                      published=True)


@pytest.mark.urls(__name__)
def test_a_denied_action_is_the_same_404_as_a_missing_record(client, published_event):
    assert client.get("/event/ukr-2015-law").status_code == 200  # a visitor sees the event...
    denied = client.get("/event/ukr-2015-law/delete")  # ...but may not delete it
    missing = client.get("/event/no-such-event")

    assert denied.status_code == missing.status_code == 404
    assert denied.content == missing.content
    assert client.get("/unwrapped/ukr-2015-law/delete").status_code == 403  # what the wrapper hides


# --- English and Russian texts ------------------------------------------------------------------------


def test_the_active_language_decides_unless_one_is_given():
    with translation.override("ru"):
        assert is_russian() and language_code() == "ru"
        assert not is_russian("en")
    with translation.override("en"):
        assert not is_russian() and language_code() == "en"
        assert is_russian("ru-ru") and language_code("ru-RU") == "ru"


def test_in_language_gives_russian_on_russian_pages_and_english_otherwise():
    with translation.override("ru"):
        assert in_language("Prison", "Тюрьма") == "Тюрьма"
        assert in_language("Prison", "") == "Prison"  # a missing Russian text falls back to English
        assert in_language("Prison", "Тюрьма", "en") == "Prison"
    with translation.override("en"):
        assert in_language("Prison", "Тюрьма") == "Prison"
        assert in_language("", "Тюрьма") == ""  # English pages show Russian only when asked to
        assert in_language("", "Тюрьма", both_ways=True) == "Тюрьма"
        assert in_language("Prison", "Тюрьма", "ru") == "Тюрьма"


def test_translated_reads_the_field_in_the_active_language():
    record = SimpleNamespace(title_en="Harm reduction", title_ru="Снижение вреда", note_en="", note_ru="Заметка")
    with translation.override("ru"):
        assert translated(record, "title") == "Снижение вреда"
        assert translated(record, "note") == "Заметка"
    with translation.override("en"):
        assert translated(record, "title") == "Harm reduction"
        assert translated(record, "note") == ""
        assert translated(record, "note", both_ways=True) == "Заметка"
    assert translated(record, "title", "ru") == "Снижение вреда"


def test_a_model_shows_its_russian_name_on_russian_pages(published_event):
    with translation.override("ru"):
        assert published_event.title == "Закон"
    with translation.override("en"):
        assert published_event.title == "A law"

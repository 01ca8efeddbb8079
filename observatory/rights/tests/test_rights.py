"""Human rights records: the loader (all or nothing, idempotent), implementation assessments as versions
under the access policy, the public pages in both languages, and the API.

The records written here are test data, made up; the shipped data is tested in test_shipped.py.
"""

from __future__ import annotations

import pytest
import yaml
from django.core.exceptions import PermissionDenied, ValidationError

from observatory import access
from observatory.audit.models import AuditEntry
from observatory.cases.tests.conftest import verified_session
from observatory.rights.loaders import RightsDataError, rights_load
from observatory.rights.models import Alternative, Assessment, CourtCase, Recommendation
from observatory.rights.services import AssessmentData, assessment_record

pytestmark = pytest.mark.django_db

RECS = [
    {"country": "UKR", "mechanism": "cescr", "cycle": "7th periodic report", "date": "2020-03-06",
     "symbol": "E/C.12/UKR/CO/7", "paragraph": "43(a)", "text_en": "Test text: decriminalise possession.",
     "themes": ["decriminalisation"], "source_url": "https://example.org/test-cescr"},
    {"country": "KGZ", "mechanism": "upr", "cycle": 3, "date": "2020-03-02", "symbol": "A/HRC/44/9",
     "paragraph": "114.1", "recommending_state": "Testland", "response": "noted",
     "text_en": "Test text: expand opioid substitution therapy.", "text_ru": "Тестовый текст: расширить ОЗТ.",
     "themes": ["ost"], "source_url": "https://example.org/test-upr"},
]
CASES = [{"country": "RUS", "court": "ecthr", "title": "Test v. Russia", "reference": "Application no. 1/99",
          "judgment_date": "2019-11-26", "rights": ["health"], "outcome": "Test outcome.",
          "source_url": "https://example.org/test-case"}]
ALTERNATIVES = [{"country": "HUN", "name_en": "Test diversion", "kind": "treatment_instead", "status": "active",
                 "started": 2003, "scale": "about 100 people (test)", "scale_number": 100, "scale_year": 2013,
                 "source_url": "https://example.org/test-alt"}]


@pytest.fixture
def data_dir(tmp_path):
    def write(recs=RECS, cases=CASES, alternatives=ALTERNATIVES):
        (tmp_path / "recommendations_test.yaml").write_text(yaml.safe_dump(recs, allow_unicode=True), "utf-8")
        (tmp_path / "litigation.yaml").write_text(yaml.safe_dump(cases, allow_unicode=True), "utf-8")
        (tmp_path / "alternatives.yaml").write_text(yaml.safe_dump(alternatives, allow_unicode=True), "utf-8")
        return tmp_path

    return write


@pytest.fixture
def loaded(data_dir, countries):
    rights_load(actor=access.SYSTEM, directory=data_dir())
    return {r.country.iso3: r for r in Recommendation.objects.select_related("country")}


def test_the_loader_is_idempotent(data_dir, countries):
    directory = data_dir()
    first = rights_load(actor=access.SYSTEM, directory=directory)
    assert (first["recommendations created"], first["court cases created"], first["alternatives created"]) == (2, 1, 1)
    second = rights_load(actor=access.SYSTEM, directory=directory)
    assert second["unchanged"] == 4 and not any(v for k, v in second.items() if k != "unchanged")
    assert AuditEntry.objects.filter(action="rights.load").count() == 1


def test_a_wrong_record_is_named_and_nothing_is_loaded(data_dir, countries):
    wrong = [RECS[0], {**RECS[1], "mechanism": "upr2", "date": "2020-13-01"}]
    with pytest.raises(RightsDataError, match=r"recommendations_test.yaml record 2 .*mechanism 'upr2'"):
        rights_load(actor=access.SYSTEM, directory=data_dir(recs=wrong))
    assert not Recommendation.objects.exists() and not CourtCase.objects.exists()
    with pytest.raises(RightsDataError, match="country 'XXX'"):
        rights_load(actor=access.SYSTEM, directory=data_dir(alternatives=[{**ALTERNATIVES[0], "country": "XXX"}]))
    assert not Alternative.objects.exists()


def test_assessments_are_versions_and_the_newest_is_the_status(loaded, personas):
    ukr = loaded["UKR"]
    coordinator = personas["coordinator_ukr"]
    assessment_record(actor=coordinator, recommendation=ukr, data=AssessmentData(
        round=2021, status="not", evidence="Possession still a crime (test)."))
    assessment_record(actor=coordinator, recommendation=ukr, data=AssessmentData(
        round=2024, status="partly", evidence="Threshold raised (test)."))
    from observatory.rights.selectors import recommendation_list

    current = recommendation_list(country=ukr.country).get()
    assert (current.current_status, current.current_round) == ("partly", 2024)
    assert [a.status for a in ukr.assessments.order_by("round")] == ["not", "partly"]
    entry = AuditEntry.objects.filter(action="rights.assess").order_by("-pk").first()
    assert entry.details == {"round": 2024, "status": "partly", "previous": "not"}
    # Versions are never changed, by anyone; only the secretariat may delete one made in error.
    first = ukr.assessments.get(round=2021)
    assert not access.user_can(coordinator, "change", first) and not access.user_can(personas["admin"], "change", first)
    assert access.user_can(access.VISITOR, "view", first)


@pytest.mark.parametrize("who", ["coordinator_kgz", "documenter_ukr", "analyst"])
def test_only_the_countrys_coordinator_or_the_secretariat_assesses(loaded, personas, who):
    with pytest.raises(PermissionDenied):
        assessment_record(actor=personas[who], recommendation=loaded["UKR"], data=AssessmentData(
            round=2024, status="not", evidence="x"))
    assert not Assessment.objects.exists()


def test_a_wrong_assessment_names_each_field(loaded, personas):
    with pytest.raises(ValidationError) as error:
        assessment_record(actor=personas["admin"], recommendation=loaded["UKR"], data=AssessmentData(
            round=2019, status="maybe", evidence=" "))
    assert set(error.value.message_dict) == {"round", "status", "evidence"}


def test_the_pages_in_russian(client, loaded, personas):
    html = client.get("/ru/rights/").content.decode()
    assert "Рекомендации ООН по правам человека" in html and "E/C.12/UKR/CO/7" in html
    assert "Тестовый текст: расширить ОЗТ." in html  # the UN's Russian text where there is one
    assert 'lang="en">Test text: decriminalise possession.' in html  # else the English original, marked
    assert "A/HRC/44/9" not in client.get("/ru/rights/?country=UKR").content.decode()
    ukr = loaded["UKR"]
    verified_session(client, personas["coordinator_ukr"])
    page = f"/ru/rights/recommendations/{ukr.key}/"
    bad = client.post(page, {"round": "2024", "status": "partly", "evidence": ""})
    assert bad.status_code == 400 and "Обязательное поле." in bad.content.decode()
    good = client.post(page, {"round": "2024", "status": "partly", "evidence": "Порог изменён (тест)."})
    assert good.status_code == 302
    client.logout()
    shown = client.get(page).content.decode()
    assert "Порог изменён (тест)." in shown and "частично выполнена" in shown
    assert "частично выполнена" in client.get("/ru/rights/?status=partly").content.decode()
    country = client.get("/ru/rights/RUS/").content.decode()
    assert "Test v. Russia" in country and "Application no. 1/99" in country
    alternatives = client.get("/ru/rights/alternatives/").content.decode()
    assert "Test diversion" in alternatives and "<svg" in alternatives


def test_the_api(client, loaded, personas):
    assessment_record(actor=personas["admin"], recommendation=loaded["UKR"], data=AssessmentData(
        round=2024, status="fully", evidence="test"))
    items = client.get("/api/v1/recommendations?country=UKR").json()["items"]
    assert [(i["symbol"], i["status"], i["status_round"]) for i in items] == [("E/C.12/UKR/CO/7", "fully", 2024)]
    assert client.get("/api/v1/recommendations?mechanism=upr").json()["count"] == 1
    assert client.get("/api/v1/recommendations?country=ZZZ").json()["count"] == 0
    assert client.get("/api/v1/litigation?country=RUS").json()["items"][0]["reference"] == "Application no. 1/99"
    alternative = client.get("/api/v1/alternatives").json()["items"][0]
    assert (alternative["people_per_year"], alternative["people_per_year_year"]) == (100, 2013)


def test_the_country_page_links_to_its_rights_records(client, loaded):
    html = client.get("/en/countries/UKR/").content.decode()
    assert 'href="/en/rights/UKR/"' in html and "1 UN recommendation on drugs" in html

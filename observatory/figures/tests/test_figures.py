"""National figures: a member supplies a figure with its document, an analyst reviews it, and an accepted one
joins the indicator database with its own source and the flag "national source via the network"; the
coverage grid and the country page show the gaps and link to the form.

The figures and documents here are test data, made up.
"""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from observatory import access
from observatory.audit.models import AuditEntry
from observatory.cases.tests.conftest import verified_session
from observatory.figures.models import FigureSubmission
from observatory.indicators.models import Observation

pytestmark = pytest.mark.django_db

FORM = {"country": "KGZ", "indicator": "hiv_prevalence_pwid", "year_1": "2022", "value_1": "12,5",
        "note_1": "sentinel survey (test)", "year_2": "2023", "value_2": "11.9",
        "document_title": "National report on the drug situation 2023 (test)", "publisher": "Ministry of Health (test)",
        "page": "p. 14, table 3", "document_url": "https://example.org/national-report-test.pdf"}


@pytest.fixture
def catalogue(countries):
    from observatory.indicators.services import catalogue_load

    catalogue_load(actor=access.SYSTEM)
    return countries


def test_a_member_supplies_a_figure_and_sending_it_twice_keeps_one(client, catalogue, personas):
    verified_session(client, personas["documenter_kgz"])
    first = client.post("/ru/figures/new/", FORM)
    assert first.status_code == 302
    assert client.post("/ru/figures/new/", FORM).status_code == 302
    item = FigureSubmission.objects.get()
    assert item.rows == [{"year": 2022, "value": 12.5, "note": "sentinel survey (test)"},
                         {"year": 2023, "value": 11.9, "note": ""}]
    assert (item.organisation.slug, item.status) == ("harm-reduction-kgz", "submitted")
    # The documenter's organisation works in Kyrgyzstan: another country is not offered.
    other = client.post("/ru/figures/new/", {**FORM, "country": "UKR"})
    assert other.status_code == 400 and FigureSubmission.objects.count() == 1


def test_each_wrong_field_is_named_and_nothing_is_kept(client, catalogue, personas):
    verified_session(client, personas["coordinator_kgz"])
    response = client.post("/en/figures/new/", {**FORM, "value_1": "twelve", "year_2": "1980", "value_2": "130",
                                                "document_url": "", "page": ""})
    body = response.content.decode()
    assert response.status_code == 400 and not FigureSubmission.objects.exists()
    assert "Write a number, e.g. 1234 or 12.5." in body
    assert "Row 2: a year from 1990" in body and "Row 2: a percentage is at most 100." in body
    assert "Give the document&#x27;s address, or attach the document." in body
    assert "Say where in the document" in body
    fake = SimpleUploadedFile("report.pdf", b"not a pdf at all", content_type="application/pdf")
    response = client.post("/en/figures/new/", {**FORM, "document_url": "", "document_file": fake})
    assert "Attach a PDF, DOCX, XLSX, ODT, PNG or JPEG file." in response.content.decode()


def test_an_analyst_accepts_and_the_figure_joins_the_database_with_its_source(client, catalogue, personas):
    verified_session(client, personas["documenter_kgz"])
    pdf = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n",
                             content_type="application/pdf")
    client.post("/en/figures/new/", {**FORM, "document_url": "", "document_file": pdf})
    item = FigureSubmission.objects.get()
    page = f"/en/figures/{item.uuid}/"
    assert client.post(page, {"decision": "accept"}).status_code == 404  # no one reviews their own figure
    verified_session(client, personas["coordinator_kgz"])
    assert client.get(page).status_code == 200 and "Record the review" not in client.get(page).content.decode()
    assert client.get(f"{page}document/").status_code == 200
    verified_session(client, personas["documenter_ukr"])
    assert client.get(page).status_code == 404
    verified_session(client, personas["analyst"])
    assert client.post(page, {"decision": "accept"}).status_code == 302
    item.refresh_from_db()
    assert item.status == "accepted" and item.source.publisher == "Ministry of Health (test)"
    values = Observation.objects.filter(country__iso3="KGZ", indicator__code="hiv_prevalence_pwid",
                                        source=item.source).order_by("year")
    assert [(o.year, o.value, o.flags) for o in values] == [(2022, 12.5, ["national_via_network"]),
                                                          (2023, 11.9, ["national_via_network"])]
    again = client.post(page, {"decision": "reject", "reason": "late"}, follow=True)  # a second click
    assert "already reviewed" in again.content.decode()
    item.refresh_from_db()
    assert item.status == "accepted"
    entry = AuditEntry.objects.get(action="figures.accept")
    assert entry.details["observations"] == 2
    shown = client.get("/ru/indicators/hiv_prevalence_pwid/").content.decode()
    assert "национальный источник через сеть" in shown or "Ministry of Health (test)" in shown


def test_a_rejection_needs_a_reason_and_imports_nothing(client, catalogue, personas):
    verified_session(client, personas["coordinator_kgz"])
    client.post("/en/figures/new/", FORM)
    item = FigureSubmission.objects.get()
    verified_session(client, personas["admin"])
    response = client.post(f"/en/figures/{item.uuid}/", {"decision": "reject", "reason": " "})
    assert response.status_code == 400 and "Say why it is rejected" in response.content.decode()
    client.post(f"/en/figures/{item.uuid}/", {"decision": "reject", "reason": "The table gives 2021, not 2022."})
    item.refresh_from_db()
    assert item.status == "rejected" and item.source is None
    assert not Observation.objects.filter(country__iso3="KGZ", indicator__code="hiv_prevalence_pwid",
                                          year=2023).exists()


def test_the_coverage_grid_counts_data_years_not_edition_years(client, catalogue, personas, capsys, tmp_path):
    from observatory.indicators.services import observations_import

    path = tmp_path / "test.csv"
    path.write_text("indicator,country,period,value,flags,note,source\n"
                    "hiv_prevalence_pwid,UKR,2021,20,,test,unaids_gam2019\n"
                    "hcv_prevalence_pwid,UKR,2022,50,edition_year,test,unaids_gam2019\n"
                    "hcv_prevalence_pwid,UKR,2016,55,,test,unaids_gam2019\n", encoding="utf-8")
    assert observations_import(path=path, actor=access.SYSTEM).ok
    call_command("coverage", "--grid", "--json")
    grid = json.loads(capsys.readouterr().out)
    ukr = grid["countries"]["UKR"]
    assert ukr["hiv_pwid"] == {"latest_year": 2021, "edition_year": False, "data_year": 2021, "state": "recent",
                               "indicator": "hiv_prevalence_pwid"}
    assert ukr["hcv_pwid"] == {"latest_year": 2022, "edition_year": True, "data_year": 2016, "state": "edition",
                               "indicator": "hcv_prevalence_pwid"}
    assert ukr["dlo"]["latest_year"] is None and len(grid["countries"]) == 29 and len(grid["columns"]) == 12
    assert grid["summary"]["recent_data_year"] == pytest.approx(1 / 348)
    page = client.get("/ru/data/coverage/").content.decode()
    assert "/figures/new/" not in page and "2022 e" in page  # visitors see the grid, not the form's links
    # each year opens the figure behind it
    assert '/ru/indicators/hiv_prevalence_pwid/?countries=UKR&amp;view=table">2021' in page
    verified_session(client, personas["coordinator_ukr"])
    page = client.get("/en/data/coverage/").content.decode()
    assert "/en/figures/new/?country=UKR&amp;indicator=hcv_prevalence_pwid" in page
    # only where the coordinator may supply: Ukraine's row and page, not Kyrgyzstan's
    assert "/en/figures/new/?country=KGZ" not in page
    country = client.get("/en/countries/UKR/").content.decode()
    assert "Data gaps" in country and "supply this figure" in country
    assert "supply this figure" not in client.get("/en/countries/KGZ/").content.decode()


def test_a_country_reporting_only_drug_trafficking_prisoners_has_a_recent_prison_cell(catalogue, capsys, tmp_path):
    from observatory.indicators.services import observations_import

    path = tmp_path / "test.csv"
    path.write_text("indicator,country,period,value,flags,note,source\n"
                    "prisoners_drug_trafficking,HRV,2021,192,,test,unodc_cts_prisons_2023\n"
                    "prisoners_drug_offences,HRV,2015,300,,test,unodc_cts_prisons_2023\n", encoding="utf-8")
    assert observations_import(path=path, actor=access.SYSTEM).ok
    call_command("coverage", "--grid", "--json")
    grid = json.loads(capsys.readouterr().out)
    assert grid["countries"]["HRV"]["prisoners_drug"]["data_year"] == 2021
    assert grid["countries"]["HRV"]["prisoners_drug"]["state"] == "recent"
    # the cell names the series its year comes from: trafficking only, not a total
    assert grid["countries"]["HRV"]["prisoners_drug"]["indicator"] == "prisoners_drug_trafficking"
    column = next(c for c in grid["columns"] if c["key"] == "prisoners_drug")
    assert "prisoners_drug_trafficking" in column["indicators"]

"""A web upload is imported in the background: the uploader follows it, the file never outlives its job."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from observatory.cases.tests.conftest import verified_session
from observatory.indicators.models import Observation
from observatory.jobs.models import Job
from observatory.jobs.services import jobs_files_dir

GOOD = "indicator,country,period,value,source\ndrug_induced_deaths,CZE,2017,43,emcdda_statbulletin_2019\n"
BAD = GOOD + "drug_induced_deaths,Atlantis,2017,5,emcdda_statbulletin_2019\n"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def upload(client, text, name="deaths.csv", **fields):
    return client.post("/en/indicators/import/",
                       {"file": SimpleUploadedFile(name, text.encode(), content_type="text/csv"), "format": "auto",
                        **fields})


def test_rejected_rows_are_listed_on_the_job_page_and_nothing_is_kept(client, personas, catalogue):
    verified_session(client, personas["admin"])
    response = upload(client, BAD)
    assert response.status_code == 302 and "/en/jobs/" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "1 row was rejected; nothing was imported." in page and "Atlantis" in page
    assert Observation.objects.count() == 0
    job_id = response["Location"].rstrip("/").rsplit("/", 1)[1]
    assert list(jobs_files_dir().glob(f"{job_id}*")) == []


def test_a_check_only_upload_writes_nothing(client, personas, catalogue):
    verified_session(client, personas["admin"])
    page = client.get(upload(client, GOOD, dry_run="on")["Location"]).content.decode()
    assert "Check passed (nothing written):" in page and Observation.objects.count() == 0


def test_the_russian_job_page_reads_in_russian(client, personas, catalogue):
    verified_session(client, personas["admin"])
    location = upload(client, GOOD)["Location"].replace("/en/", "/ru/")
    page = client.get(location).content.decode()
    assert "Импорт файла deaths.csv" in page and "Готово" in page


@pytest.mark.django_db(transaction=True)
def test_the_worker_imports_what_was_uploaded_and_queues_the_page_rebuilds(client, personas, catalogue, settings):
    settings.TASKS = DATABASE_TASKS
    settings.DERIVED_REFRESH = True
    verified_session(client, personas["admin"])
    location = upload(client, GOOD)["Location"]
    page = client.get(location).content.decode()
    assert "Waiting to start" in page and "observatory worker" in page
    assert client.get(location + "status.json").json()["status"] == "queued"
    job_id = location.rstrip("/").rsplit("/", 1)[1]
    [waiting] = jobs_files_dir().glob(f"{job_id}.*")
    call_command("db_worker", batch=True, max_tasks=1, reload=False, startup_delay=False, verbosity=0,
                 stdout=io.StringIO())
    page = client.get(location).content.decode()
    assert "1 rows read, 1 inserted" in page and Observation.objects.count() == 1
    assert not waiting.exists()
    # The country pages and briefs are rebuilt next, by the same worker, with their own progress.
    assert set(Job.objects.filter(status=Job.Status.QUEUED).values_list("kind", flat=True)) == {
        "public.boards", "reports.briefs"}


def test_country_pages_are_built_in_the_background(personas, countries):
    from observatory.public.tasks import country_boards_enqueue

    job = country_boards_enqueue(actor=personas["admin"])
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and job.result == {"boards": 58} and job.done == job.total == 58

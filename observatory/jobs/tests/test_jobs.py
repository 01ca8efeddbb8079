"""Background jobs: queued with their record, run by the worker, followed by their owner only."""

from __future__ import annotations

import io
import logging
import os
import time

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from observatory import access
from observatory.audit.models import AuditEntry
from observatory.cases.tests.conftest import verified_session
from observatory.jobs import services
from observatory.jobs.models import Job
from observatory.jobs.tasks import email_later
from observatory.jobs.tests.sample_tasks import counting_task, failing_task

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def test_a_job_runs_reports_progress_and_is_audited(personas):
    job = services.job_enqueue(actor=personas["analyst"], kind="test.count", title="Count", task=counting_task,
                               kwargs={"steps": 7})
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and (job.done, job.total, job.percent) == (7, 7, 100)
    assert job.result == {"counted": 7} and job.task_id
    assert AuditEntry.objects.filter(action="jobs.enqueue", object_id=str(job.pk)).count() == 1


def test_the_owner_follows_the_job_and_nobody_else_sees_it(client, personas):
    job = services.job_enqueue(actor=personas["analyst"], kind="test.count", title="Count to three",
                               task=counting_task, kwargs={"steps": 3})
    page, status = f"/en/jobs/{job.pk}/", f"/en/jobs/{job.pk}/status.json"
    assert client.get(page).status_code == 302  # a visitor is sent to sign in
    verified_session(client, personas["analyst"])
    html = client.get(page).content.decode()
    assert "Count to three" in html and "Finished" in html and 'value="100"' in html
    assert "jobs/progress.js" in html and "<script>" not in html
    assert client.get(status).json() == {
        "status": "succeeded", "status_label": "Finished", "done": 3, "total": 3, "percent": 100, "step": "counting",
        "finished": True}
    assert "Count to three" in client.get("/en/jobs/").content.decode()
    missing = f"/en/jobs/{'0' * 8}-0000-4000-8000-{'0' * 12}/"
    verified_session(client, personas["documenter_ukr"])
    assert client.get(page).status_code == client.get(missing).status_code == 404
    assert client.get(status).status_code == 404
    assert "Count to three" not in client.get("/en/jobs/").content.decode()
    verified_session(client, personas["admin"])
    assert client.get(page).status_code == 200  # the secretariat sees every job


def test_the_progress_page_reads_in_russian(client, personas):
    job = services.job_enqueue(actor=personas["analyst"], kind="test.count", title="Count", task=counting_task,
                               kwargs={"steps": 1})
    verified_session(client, personas["analyst"])
    html = client.get(f"/ru/jobs/{job.pk}/").content.decode()
    assert "Готово" in html and "Все мои задачи" in html


def test_a_failure_shows_a_safe_message_and_logs_no_data(client, personas, caplog):
    caplog.set_level(logging.INFO)  # every logger: ours and the task framework's
    safe = services.job_enqueue(actor=personas["analyst"], kind="test.fail", title="Safe", task=failing_task,
                                kwargs={"kind": "safe"})
    leaky = services.job_enqueue(actor=personas["analyst"], kind="test.fail", title="Leaky", task=failing_task,
                                 kwargs={"kind": "data", "detail": "Secret Person, born 1990"})
    safe.refresh_from_db()
    leaky.refresh_from_db()
    assert safe.status == leaky.status == Job.Status.FAILED
    assert safe.error == "The file has no header row."
    assert leaky.error == "ValueError"
    assert "Secret Person" not in caplog.text and "ValueError" in caplog.text
    verified_session(client, personas["analyst"])
    html = client.get(f"/en/jobs/{leaky.pk}/").content.decode()
    assert "The job failed: ValueError" in html and "Secret Person" not in html


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_what_the_web_queued(settings, personas):
    settings.TASKS = DATABASE_TASKS
    job = services.job_enqueue(actor=personas["analyst"], kind="test.count", title="Count", task=counting_task,
                               kwargs={"steps": 4})
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED  # nothing runs until a worker takes it
    out = io.StringIO()
    call_command("worker", "--once", stdout=out, verbosity=0)
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and job.result == {"counted": 4}
    out = io.StringIO()
    call_command("jobs", "wait", str(job.pk), stdout=out)
    assert "Finished" in out.getvalue() and "counted" in out.getvalue()
    assert str(job.pk) in (lambda o: (call_command("jobs", "list", stdout=o), o.getvalue())[1])(io.StringIO())


@pytest.mark.django_db(transaction=True)
def test_jobs_wait_gives_up_and_exits_1_on_failure(settings, personas):
    settings.TASKS = DATABASE_TASKS
    job = services.job_enqueue(actor=personas["analyst"], kind="test.fail", title="Fails", task=failing_task,
                               kwargs={"kind": "safe"})
    with pytest.raises(CommandError, match="still queued"):
        call_command("jobs", "wait", str(job.pk), "--timeout", "0.1", stdout=io.StringIO())
    call_command("worker", "--once", stdout=io.StringIO(), verbosity=0)
    with pytest.raises(CommandError, match="failed") as error:
        call_command("jobs", "wait", str(job.pk), stdout=io.StringIO())
    assert error.value.returncode == 1
    with pytest.raises(CommandError, match="No job"):
        call_command("jobs", "show", "not-a-job", stdout=io.StringIO())


def test_the_worker_refuses_to_start_when_tasks_run_at_once(db):
    with pytest.raises(CommandError, match="no worker is needed"):
        call_command("worker", "--once", stdout=io.StringIO())


def test_stale_uploads_are_removed_and_waiting_ones_kept(db, settings):
    folder = services.jobs_files_dir()
    spool = settings.FILE_UPLOAD_TEMP_DIR
    waiting = Job.objects.create(kind="test", title="waits")
    old = time.time() - 2 * 3600
    files = {
        "orphan": folder / "0b7c2f9e-0000-4000-8000-000000000001.csv",
        "waiting": folder / f"{waiting.pk}.csv",
        "fresh": folder / "0b7c2f9e-0000-4000-8000-000000000002.csv",
        "spooled": os.path.join(spool, "tmpabc.upload.csv"),
    }
    for name, path in files.items():
        with open(path, "wb") as handle:
            handle.write(b"x" * 1024)
        if name != "fresh":
            os.utime(path, (old, old))
    services.stale_files_remove()
    assert {name for name, path in files.items() if os.path.exists(path)} == {"waiting", "fresh"}
    for path in files.values():
        if os.path.exists(path):
            os.remove(path)


def test_a_job_cut_off_by_a_stopped_worker_is_marked_interrupted(db, client, personas):
    from datetime import timedelta

    from django.utils import timezone

    job = Job.objects.create(kind="test", title="Long", owner=personas["analyst"], status=Job.Status.RUNNING,
                             started_at=timezone.now() - timedelta(hours=3))
    recent = Job.objects.create(kind="test", title="Recent", status=Job.Status.RUNNING, started_at=timezone.now())
    assert services.jobs_interrupted_mark() == 1
    job.refresh_from_db()
    recent.refresh_from_db()
    assert (job.status, job.error, recent.status) == (Job.Status.FAILED, "interrupted", Job.Status.RUNNING)
    verified_session(client, personas["analyst"])
    assert "interrupted" in client.get(f"/en/jobs/{job.pk}/").content.decode()


def test_refreshers_run_after_a_change_only_when_switched_on(db, settings, monkeypatch):
    calls = []
    monkeypatch.setattr(services, "_refreshers", {"test": lambda actor: calls.append(actor) or "queued"})
    settings.DERIVED_REFRESH = False
    assert services.derived_refresh(actor=access.SYSTEM) == [] and calls == []
    settings.DERIVED_REFRESH = True
    assert services.derived_refresh(actor=access.SYSTEM) == ["queued"] and calls == [access.SYSTEM]


def test_public_pages_and_briefs_register_as_refreshers():
    assert {"public.boards", "reports.briefs"} <= set(services._refreshers)


def test_email_is_sent_by_the_worker(db):
    email_later(subject="Application received", body="Thank you.", to=["member@example.org"])
    [message] = mail.outbox
    assert message.subject == "Application received" and message.to == ["member@example.org"]


@pytest.mark.django_db(transaction=True)
def test_setup_that_changes_data_queues_the_rebuilds_and_jobs_wait_follows_them(settings):
    settings.TASKS = DATABASE_TASKS
    settings.DERIVED_REFRESH = True
    from observatory.core.signals import setup_finished

    setup_finished.send(sender=None, changed=False)
    assert not Job.objects.exists()
    setup_finished.send(sender=None, changed=True)
    assert set(Job.objects.values_list("kind", flat=True)) == {"public.boards", "reports.briefs"}
    with pytest.raises(CommandError, match="still queued"):
        call_command("jobs", "wait", "--timeout", "0.2", stdout=io.StringIO())
    call_command("worker", "--once", stdout=io.StringIO(), verbosity=0)
    out = io.StringIO()
    call_command("jobs", "wait", stdout=out)
    assert "No job is waiting or running." in out.getvalue()

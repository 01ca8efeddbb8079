"""What an operator's monitoring sees: readiness, protected metrics, and logs without data."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys

from observatory.core.logging import JsonFormatter, PlainFormatter


def test_ready_when_database_migrations_and_cache_are(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200 and response.json() == {"status": "ready"}


def test_not_ready_while_a_migration_is_pending(client, db, monkeypatch):
    from django.db.migrations.executor import MigrationExecutor

    from observatory.core import probes

    monkeypatch.setattr(probes, "_migrated", False)
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("pending", False)])
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "not ready",
                               "checks": {"database": "ok", "migrations": "pending", "cache": "ok"}}


def test_metrics_are_a_404_without_the_token(client, db, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", headers={"Authorization": "Bearer anything"}).status_code == 404
    settings.METRICS_TOKEN = "s3cret-metrics-token"
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 404


def test_metrics_count_requests_by_route_name_never_by_path(client, db, settings):
    settings.METRICS_TOKEN = "s3cret-metrics-token"
    client.get("/api/v1/countries?secret-query=1")
    client.get("/en/no-such-page/0b7c2f9e-case-id/")
    body = client.get("/metrics", headers={"Authorization": "Bearer s3cret-metrics-token"}).content.decode()
    assert 'route="api:countries",status="2xx"' in body
    assert 'status="4xx"' in body and 'route="unmatched"' in body
    assert "secret-query" not in body and "0b7c2f9e" not in body and "/api/v1" not in body
    assert "observatory_database_up 1.0" in body
    assert "observatory_http_request_duration_seconds_bucket" in body


def _record(exc: Exception) -> logging.LogRecord:
    try:
        raise exc
    except type(exc):
        return logging.LogRecord("observatory.test", logging.ERROR, __file__, 1, "failed %s", ("import",),
                                 sys.exc_info())


def test_json_logs_are_one_object_per_line_without_exception_messages():
    line = JsonFormatter().format(_record(ValueError("Olena Kovalenko, +380 67 123 45 67")))
    entry = json.loads(line)
    assert entry["level"] == "ERROR" and entry["logger"] == "observatory.test" and entry["message"] == "failed import"
    assert entry["exception"] == "builtins.ValueError" and "test_operations.py" in entry["traceback"]
    assert "Olena" not in line and "\n" not in line


def test_plain_logs_withhold_exception_messages_too():
    text = PlainFormatter("%(message)s").format(_record(KeyError("Olena Kovalenko")))
    assert "builtins.KeyError (message withheld)" in text and "Olena" not in text


def test_json_logs_are_chosen_by_the_environment(tmp_path):
    env = {**os.environ, "OBSERVATORY_LOG_FORMAT": "json", "OBSERVATORY_VAR_DIR": str(tmp_path)}
    code = "import django, logging; django.setup(); logging.getLogger('observatory.x').warning('hello')"
    result = subprocess.run([sys.executable, "-c", code], env={**env, "DJANGO_SETTINGS_MODULE": "observatory.settings"},
                            capture_output=True, text=True)
    last = result.stderr.strip().splitlines()[-1]
    assert json.loads(last)["message"] == "hello"


def test_s3_storage_is_configured_from_the_environment(tmp_path):
    env = {**os.environ, "OBSERVATORY_S3_BUCKET": "observatory-files", "OBSERVATORY_S3_ENDPOINT_URL":
           "https://s3.example.org", "OBSERVATORY_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "observatory.settings"}
    code = "import json; from django.conf import settings; print(json.dumps(settings.STORAGES['default'], default=str))"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    storage = json.loads(result.stdout.strip().splitlines()[-1])
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "observatory-files" and storage["OPTIONS"]["default_acl"] is None

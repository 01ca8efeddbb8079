"""State that every worker must share (the cache), and files nobody else on the machine may read."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def test_a_server_without_redis_gets_a_cache_that_every_worker_shares():
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "OBSERVATORY_CACHE")}
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    backend = subprocess.run([sys.executable, "-m", "observatory", "shell", "-c", code], cwd=ROOT, env=env,
                             check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    assert backend == "django.core.cache.backends.db.DatabaseCache"


@pytest.mark.slow
def test_the_database_keys_and_folder_are_readable_by_their_owner_only(tmp_path):
    var = tmp_path / "var"
    env = {key: value for key, value in os.environ.items()
           if key not in ("DATABASE_URL", "OBSERVATORY_SECRET_KEY", "OBSERVATORY_MASTER_KEY")}
    env.update(OBSERVATORY_VAR_DIR=str(var), OBSERVATORY_HTTPS="0", PYTHONPATH=str(ROOT))
    code = "from django.db import connection; connection.ensure_connection(); connection.cursor().execute('CREATE TABLE t (x int)')"
    subprocess.run([sys.executable, "-m", "observatory", "shell", "-c", code], cwd=ROOT, env=env, check=True,
                   capture_output=True, umask=0o022)
    assert stat.S_IMODE(var.stat().st_mode) == 0o700
    for name in ("observatory.sqlite3", "secret_key", "master.key"):
        assert stat.S_IMODE((var / name).stat().st_mode) == 0o600, name


def test_an_existing_open_folder_is_narrowed(tmp_path):
    from observatory.conf import private_dir

    folder = tmp_path / "var"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    private_dir(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700

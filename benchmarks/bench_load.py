"""Hold many users on two cores: a locust load test against the real server (gunicorn, DEBUG off).

For each code tree given (default: this checkout) the script makes a fresh PostgreSQL database,
loads the shipped real data (``observatory setup``), creates SYNTHETIC accounts (a documenter
and a coordinator in Ukraine, with API tokens), starts ``observatory serve --workers 2`` with
Redis as the cache when reachable (and a task worker when the tree has one), waits for the
chart pre-rendering to finish, and runs locust headless for each scenario of
``locustfile.py``. Trees run one after another on the same machine, so a "before" and an "after"
are measured side by side in one run:

    git worktree add /tmp/before <commit>
    .venv/bin/python benchmarks/bench_load.py --tree /tmp/before --tree . --users 50 --seconds 60

A tree is run with this checkout's virtual environment (``pip install -e '.[bench]'`` gives
locust). Figures printed: requests per second, p50 and p95 in milliseconds, and errors, per
scenario and per kind of request. The load generator shares the two cores with the server,
as a probe on the same machine does. Never fails on a time.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import create_postgres_database, drop_postgres_database, machine  # noqa: E402

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable

ACCOUNTS = """
from observatory.access import SYSTEM
from observatory.accounts.models import User
from observatory.accounts.services import organisation_create, token_create, user_create
organisation_create(actor=SYSTEM, slug="load-ukr", name="SYNTHETIC load-test organisation", country="UKR")
documenter, _ = user_create(actor=SYSTEM, username="load_documenter", role="documenter", organisation="load-ukr")
coordinator, _ = user_create(actor=SYSTEM, username="load_coordinator", role="coordinator", countries=["UKR"])
print(token_create(actor=SYSTEM, user=documenter, name="load")[1])
print(token_create(actor=SYSTEM, user=coordinator, name="load")[1])
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _redis_url(db: int) -> str:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(f"*2\r\n$6\r\nSELECT\r\n${len(str(db))}\r\n{db}\r\n*1\r\n$7\r\nFLUSHDB\r\n".encode())
            sock.recv(100)
    except OSError:
        return ""
    return f"redis://127.0.0.1:6379/{db}"


def _observatory(tree: Path, env: dict, *args, **kwargs):
    return subprocess.run([PYTHON, "-m", "observatory", *args], cwd=tree, env=env, check=True,
                          capture_output=True, text=True, **kwargs)


def _wait(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The server did not answer at {url} within {seconds} s.")


def _has_command(tree: Path, name: str) -> bool:
    return any((tree / "observatory").glob(f"*/management/commands/{name}.py"))


def _locust(host: str, scenario: str, users: int, seconds: int, env: dict, out: Path) -> list[dict]:
    prefix = out / scenario
    subprocess.run([PYTHON, "-m", "locust", "-f", str(HERE / "locustfile.py"), "--headless", "--host", host,
                    "-u", str(users), "-r", str(max(users // 5, 1)), "-t", f"{seconds}s", "--csv", str(prefix),
                    "--only-summary", "--loglevel", "WARNING"],
                   env={**env, "OBSERVATORY_LOAD_SCENARIO": scenario}, check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(f"{prefix}_failures.csv", newline="") as handle:
        for failure in list(csv.DictReader(handle))[:5]:
            print(f"  failure ({scenario}): {failure['Name']}: {failure['Error'][:200]} x{failure['Occurrences']}")
    with open(f"{prefix}_stats.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def run_tree(tree: Path, label: str, *, users: int, seconds: int, scenarios: list[str], redis_db: int) -> dict:
    name = f"observatory_load_{redis_db}_{os.getpid()}"
    database_url = create_postgres_database(name)
    if database_url is None:
        raise SystemExit("PostgreSQL is not reachable on 127.0.0.1:5432 (the load test runs on PostgreSQL).")
    var = Path(tempfile.mkdtemp(prefix="observatory-load-"))
    env = {**os.environ, "DATABASE_URL": database_url, "OBSERVATORY_VAR_DIR": str(var),
           "OBSERVATORY_SECRET_KEY": "load-test-only-secret-key-0123456789-abcdefghijklmnop",
           "OBSERVATORY_HTTPS": "0", "OBSERVATORY_DEBUG": "0", "OBSERVATORY_COLLECTED_STATIC": "1",
           "OBSERVATORY_LOG_LEVEL": "WARNING", "PYTHONPATH": str(tree)}
    redis_url = _redis_url(redis_db)
    if redis_url:
        env["REDIS_URL"] = redis_url
    else:
        env.pop("REDIS_URL", None)
    processes = []
    try:
        _observatory(tree, env, "setup")
        documenter, coordinator = _observatory(tree, env, "shell", "-c", ACCOUNTS).stdout.split()[-2:]
        env["OBSERVATORY_LOAD_DOCUMENTER_TOKEN"], env["OBSERVATORY_LOAD_COORDINATOR_TOKEN"] = documenter, coordinator
        if _has_command(tree, "worker"):
            processes.append(subprocess.Popen([PYTHON, "-m", "observatory", "worker"], cwd=tree, env=env,
                                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                              start_new_session=True))
            # Pre-rendering after the import runs in the worker; the load starts when it is done.
            _observatory(tree, env, "jobs", "wait", "--timeout", "900", timeout=960)
        port = _free_port()
        processes.append(subprocess.Popen(
            [PYTHON, "-m", "observatory", "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
            cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))
        host = f"http://127.0.0.1:{port}"
        _wait(f"{host}/healthz")
        out = var / "locust"
        out.mkdir()
        return {scenario: _locust(host, scenario, users, seconds, env, out) for scenario in scenarios}
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
        drop_postgres_database(name)
        shutil.rmtree(var, ignore_errors=True)


def _row(label: str, row: dict) -> str:
    requests = int(row["Request Count"])
    failures = int(row["Failure Count"])
    return (f"  {label:<12} {row['Name'][:46]:<46} {float(row['Requests/s']):>8.1f} req/s  "
            f"p50 {row['50%']:>6} ms  p95 {row['95%']:>6} ms  errors {failures}/{requests}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tree", action="append", type=Path, help="a code tree to measure (repeatable)")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--scenario", action="append", choices=["public", "mixed"])
    args = parser.parse_args()
    trees = [tree.resolve() for tree in (args.tree or [HERE.parent])]
    scenarios = args.scenario or ["public", "mixed"]
    print(f"Machine: {machine()}")
    print(f"{args.users} concurrent users for {args.seconds} s per scenario, gunicorn --workers 2, DEBUG off, "
          f"PostgreSQL, Redis when reachable; SYNTHETIC accounts and cases")
    results = {}
    for number, tree in enumerate(trees, start=1):
        label = tree.name if tree != HERE.parent else "this tree"
        results[label] = run_tree(tree, label, users=args.users, seconds=args.seconds, scenarios=scenarios,
                                  redis_db=number)
    for scenario in scenarios:
        print(f"\nScenario: {scenario}")
        for label, by_scenario in results.items():
            for row in by_scenario[scenario]:
                print(_row(label, row))


if __name__ == "__main__":
    main()

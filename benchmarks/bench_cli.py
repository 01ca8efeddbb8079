"""Time how fast the ``observatory`` command answers when it computes nothing (start-up cost).

    .venv/bin/python benchmarks/bench_cli.py [--repeat 5] [--no-bytecode-cache]

Runs each command as a fresh process with the venv's ``observatory`` executable, next to two
baselines: a bare ``python -c pass`` and ``python -c "import django; django.setup()"`` with the
project's settings (the floor any management command pays). Prints the median and best wall-clock
seconds of ``--repeat`` runs after one warm-up run, the median CPU seconds (user + system; steadier
than wall time on a machine shared with other work), and each command's median as a multiple of
the django.setup() median. The commands read the configured database (``var/`` unless DATABASE_URL
says otherwise) and change nothing; run ``observatory setup`` first. Last, it lists the heavy
libraries that ``observatory countries --json`` imports (``-X importtime``): there should be none.

Python's bytecode cache is on, as in a normal installation, even if PYTHONDONTWRITEBYTECODE is set
here: the warm-up run writes the .pyc files. ``--no-bytecode-cache`` sets PYTHONDONTWRITEBYTECODE=1
instead, so that every run compiles the project's modules afresh (an editable install in an
environment that forbids .pyc files). Goal: every command under 1 s; a slower one is marked
"over 1 s". Never fails on a time.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine  # noqa: E402

GOAL_SECONDS = 1.0
BIN = Path(sys.executable).parent
PYTHON = str(BIN / "python")
OBSERVATORY = str(BIN / "observatory")

# The django.setup() baseline runs first: every other figure is also shown as a multiple of it.
BASELINES = {
    "python -c 'import django; django.setup()'": [PYTHON, "-c", "import django; django.setup()"],
    "python -c pass": [PYTHON, "-c", "pass"],
}
COMMANDS = [
    "--help",
    "countries --json",
    "coverage --help",
    "user list",
    "org list",
    "audit head",
    "keys status",
    "import --help",
    "brief --help",
    "analyze --help",
    "scorecard --help",
    "cases --help",
    "laws --help",
]
# Libraries that only computing code needs; each takes 0.05 to 4 s to import on this machine.
HEAVY = ("pandas", "numpy", "scipy", "statsmodels", "splink", "duckdb", "openpyxl", "krippendorff", "PIL",
         "qrcode", "tqdm", "vl_convert", "typst", "altair")


def cpu_seconds() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return children.ru_utime + children.ru_stime


def run(argv: list[str], env: dict[str, str], repeat: int) -> tuple[float, float, float, int]:
    """Median and best wall-clock seconds, median CPU seconds over ``repeat`` runs after a warm-up; last exit code."""
    wall, cpu = [], []
    code = 0
    for i in range(repeat + 1):
        start, start_cpu = time.perf_counter(), cpu_seconds()
        code = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        if i:
            wall.append(time.perf_counter() - start)
            cpu.append(cpu_seconds() - start_cpu)
    return statistics.median(wall), min(wall), statistics.median(cpu), code


def heavy_imports(argv: list[str], env: dict[str, str]) -> list[str]:
    """The HEAVY packages that the command imports (its ``-X importtime`` report names them)."""
    err = subprocess.run([PYTHON, "-X", "importtime", "-m", "observatory", *argv], env=env, text=True,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).stderr
    names = {line.rsplit("|", 1)[-1].strip().split(".")[0]
             for line in err.splitlines() if line.startswith("import time:")}
    return [name for name in HEAVY if name in names]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="Timed runs per command (default 5).")
    parser.add_argument("--no-bytecode-cache", action="store_true",
                        help="Run with PYTHONDONTWRITEBYTECODE=1 (compile the project's modules on every run).")
    args = parser.parse_args()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "observatory.settings")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if args.no_bytecode_cache:
        env["PYTHONDONTWRITEBYTECODE"] = "1"

    print(f"machine: {machine()}; load average at start {os.getloadavg()[0]:.1f}")
    print(f"{args.repeat} runs each after a warm-up; bytecode cache {'off' if args.no_bytecode_cache else 'on'}; "
          f"x setup = median / median of django.setup(); goal: every command under {GOAL_SECONDS:.0f} s")
    print(f"{'command':<46} {'median s':>9} {'best s':>9} {'CPU s':>7} {'x setup':>8}")
    runs = list(BASELINES.items())
    runs += [(f"observatory {c}", [OBSERVATORY, *c.split()]) for c in COMMANDS]
    floor, slow = None, 0
    for label, argv in runs:
        median, best, cpu, code = run(argv, env, args.repeat)
        floor = floor or median
        marks = []
        if label.startswith("observatory") and median > GOAL_SECONDS:
            marks.append(f"over {GOAL_SECONDS:.0f} s")
            slow += 1
        if code:
            marks.append(f"FAILED (exit {code})")
        row = f"{label:<46} {median:>9.3f} {best:>9.3f} {cpu:>7.3f} {median / floor:>8.2f}  {', '.join(marks)}"
        print(row.rstrip(), flush=True)
    print(f"{slow} of {len(COMMANDS)} commands over {GOAL_SECONDS:.0f} s (median wall time); "
          f"load average at end {os.getloadavg()[0]:.1f}")
    heavy = heavy_imports(["countries", "--json"], env)
    print(f"heavy libraries imported by 'observatory countries --json': {', '.join(heavy) or 'none'}")


if __name__ == "__main__":
    main()

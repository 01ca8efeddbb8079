"""Environment for the test run, loaded by pytest before Django reads its settings (``-p`` in pyproject).

Tests run over plain HTTP (no TLS redirect, cookies without the Secure flag) and
keep generated keys and files in a temporary folder, never in the developer's ``var/``.
Under pytest-xdist each worker has its own folder. The run stops first if a compiled message catalogue is missing or stale (``catalogues``).
"""

import os
import tempfile

pytest_plugins = ["observatory.testing.catalogues"]

os.environ.setdefault("OBSERVATORY_HTTPS", "0")
os.environ.setdefault("OBSERVATORY_COLLECTED_STATIC", "0")
# Tests without a database still draw charts through the cache; the shared database cache has its own test.
os.environ.setdefault("OBSERVATORY_CACHE", "memory")
# Background tasks run at once, inside the request or command that queues them; tests of the worker
# itself switch to the database backend.
os.environ.setdefault("OBSERVATORY_TASKS", "immediate")
os.environ.setdefault("OBSERVATORY_DERIVED_REFRESH", "0")
if os.environ.get("PYTEST_XDIST_WORKER"):
    # Each parallel worker keeps its own keys and files: workers inherit the controller's environment.
    os.environ["OBSERVATORY_VAR_DIR"] = tempfile.mkdtemp(prefix=f"observatory-test-var-{os.environ['PYTEST_XDIST_WORKER']}-")
else:
    os.environ.setdefault("OBSERVATORY_VAR_DIR", tempfile.mkdtemp(prefix="observatory-test-var-"))
os.makedirs(os.path.join(os.environ["OBSERVATORY_VAR_DIR"], "static"), exist_ok=True)
os.environ.setdefault("OBSERVATORY_SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")

"""A token for the running code: cached pages and data built by older code are not served after an upgrade.

The token is a digest of the package's source, templates, static files and translation catalogues,
so every process of one release computes the same token, and any change to the code changes it.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

_SUFFIXES = {".py", ".html", ".js", ".css", ".po", ".txt", ".svg"}


@functools.cache
def release_token() -> str:
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.suffix in _SUFFIXES and "tests" not in p.parts):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]

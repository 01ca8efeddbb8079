"""The ``observatory`` command: Django's management commands under the project's own name.

``observatory setup``, ``observatory serve``, ``observatory org create ...`` and the
rest are management commands of the project's apps; ``observatory check --deploy``
and ``observatory migrate`` are Django's own.
"""

from __future__ import annotations

import os
import sys

from observatory.conf import PRIVATE_UMASK


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "observatory.settings")
    # Files the platform creates (the SQLite database and its journal, keys, exports, uploads) are
    # readable by their owner only.
    os.umask(PRIVATE_UMASK)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["observatory", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()

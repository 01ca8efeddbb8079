"""What the health, readiness and metrics endpoints ask of this process's dependencies."""

from __future__ import annotations

from django.db import connection

_migrated = False


def database_answers() -> bool:
    """Whether the database answers ``SELECT 1`` (the reason of a failure goes to the server log only)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "no"
        return False
    return True


def migrations_applied() -> bool:
    """Whether every migration of this code is applied.

    Once true it stays true for the life of the process: migrations are not undone under a running
    server, and reading the migration graph on every probe would cost a load balancer's every poll.
    """
    global _migrated
    if not _migrated:
        from django.db.migrations.executor import MigrationExecutor

        executor = MigrationExecutor(connection)
        _migrated = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migrated

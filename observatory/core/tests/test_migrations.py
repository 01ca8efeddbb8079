"""The models and the migrations agree: a model change without its migration fails here, not on a deployment."""

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_every_model_change_has_its_migration():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:
        pytest.fail(f"models changed without a migration (run `observatory makemigrations`):\n{out.getvalue()}"
                    if exit_.code else out.getvalue())

from django.db import migrations, models

FTS_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(title, body, content='search_searchentry', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
)


def create_fts(apps, schema_editor):
    # SQLite's own full-text index (FTS5) over the entries; PostgreSQL searches with its tsvector functions.
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(FTS_CREATE)


def drop_fts(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=20)),
                ("key", models.CharField(max_length=120)),
                ("language", models.CharField(max_length=5)),
                ("title", models.CharField(max_length=500)),
                ("body", models.TextField(blank=True)),
                ("url", models.CharField(max_length=300)),
            ],
            options={
                "indexes": [models.Index(fields=["language"], name="search_sear_languag_idx")],
                "constraints": [models.UniqueConstraint(fields=("kind", "key", "language"), name="search_entry_key")],
            },
        ),
        migrations.RunPython(create_fts, drop_fts),
    ]

from django.db import migrations, models


class Migration(migrations.Migration):
    """Entries written so far used plain SHA-256; they keep it and still verify."""

    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="scheme",
            field=models.CharField(default="sha256", editable=False, max_length=16),
        ),
    ]

"""Actions name their alliance as a record (an alliance written as text becomes one in the action's
country), may name a partner as their target and the law version that followed, and may be published
on the country's page."""

import django.db.models.deletion
from django.db import migrations, models


def alliances_from_text(apps, schema_editor):
    Action = apps.get_model("advocacy", "AdvocacyAction")
    Alliance = apps.get_model("partners", "Alliance")
    for action in Action.objects.exclude(alliance_text="").iterator():
        alliance = Alliance.objects.filter(name=action.alliance_text, country_id=action.country_id).first()
        if alliance is None:
            alliance = Alliance.objects.create(name=action.alliance_text, country_id=action.country_id, purpose="",
                                               status="active")
        action.alliance = alliance
        action.save(update_fields=["alliance"])


def alliances_to_text(apps, schema_editor):
    Action = apps.get_model("advocacy", "AdvocacyAction")
    for action in Action.objects.exclude(alliance=None).select_related("alliance").iterator():
        action.alliance_text = action.alliance.name[:200]
        action.save(update_fields=["alliance_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("advocacy", "0001_initial"),
        ("partners", "0001_initial"),
        ("laws", "0001_initial"),
    ]

    operations = [
        migrations.RenameField("advocacyaction", "alliance", "alliance_text"),
        migrations.AddField(
            model_name="advocacyaction", name="alliance",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL,
                                    related_name="advocacy_actions", to="partners.alliance",
                                    verbose_name="alliance"),
        ),
        migrations.RunPython(alliances_from_text, alliances_to_text),
        migrations.RemoveField("advocacyaction", "alliance_text"),
        migrations.AddField(
            model_name="advocacyaction", name="target_partner",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL,
                                    related_name="advocacy_actions", to="partners.partner",
                                    verbose_name="target partner",
                                    help_text="The target institution, when it is one of the network's partners."),
        ),
        migrations.AddField(
            model_name="advocacyaction", name="followed_by_law",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL,
                                    related_name="preceding_advocacy", to="laws.legalprovision",
                                    help_text="The law version that followed an achieved action."),
        ),
        migrations.AddField(
            model_name="advocacyaction", name="publish",
            field=models.BooleanField(default=False, verbose_name="show on the country's public page"),
        ),
        migrations.AddField(
            model_name="advocacyaction", name="updated_at", field=models.DateTimeField(auto_now=True),
        ),
    ]

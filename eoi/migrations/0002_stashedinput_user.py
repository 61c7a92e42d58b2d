"""Kept input belongs to the person whose session expired. Rows kept before
this had no owner and live at most a day: they are dropped, not guessed."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def drop_ownerless(apps, schema_editor):
    apps.get_model("eoi", "StashedInput").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("eoi", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(drop_ownerless, migrations.RunPython.noop),
        migrations.AddField(
            model_name="stashedinput",
            name="user",
            field=models.ForeignKey(
                default=None, on_delete=django.db.models.deletion.CASCADE, related_name="+", to=settings.AUTH_USER_MODEL
            ),
            preserve_default=False,
        ),
    ]

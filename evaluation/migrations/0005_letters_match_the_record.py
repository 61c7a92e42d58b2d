"""Issue 14, "letters that match the record".

The review's single overall comment becomes the *note to the panel* (a rename: the text is
kept). It was never put in a letter or on a country's page (the drafted feedback quoted only
the comments on each criterion), and the reviewers wrote it for their peers, so it stays inside
the panel. Each score's comment keeps its role and is now called the *comment for the
country*: it is what the drafted feedback quotes, and the form now says so.

The feedback gets a version (a shared text: a save over someone else's newer save is refused)
and a record of what a draft from the scores was made from (stale feedback is flagged);
existing feedback starts with no such record, so it is not flagged.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('evaluation', '0004_remove_criteria_updated_at'),
    ]

    operations = [
        migrations.RenameField(model_name='historicalreview', old_name='comment', new_name='panel_note'),
        migrations.RenameField(model_name='review', old_name='comment', new_name='panel_note'),
        migrations.AlterField(
            model_name='historicalreview',
            name='panel_note',
            field=models.TextField(blank=True, verbose_name='note to the panel'),
        ),
        migrations.AlterField(
            model_name='review',
            name='panel_note',
            field=models.TextField(blank=True, verbose_name='note to the panel'),
        ),
        migrations.AddField(
            model_name='evaluation',
            name='feedback_drafted_from',
            field=models.JSONField(blank=True, default=dict, verbose_name='feedback drafted from'),
        ),
        migrations.AddField(
            model_name='evaluation',
            name='feedback_version',
            field=models.PositiveIntegerField(default=0, verbose_name='feedback version'),
        ),
        migrations.AddField(
            model_name='historicalevaluation',
            name='feedback_drafted_from',
            field=models.JSONField(blank=True, default=dict, verbose_name='feedback drafted from'),
        ),
        migrations.AddField(
            model_name='historicalevaluation',
            name='feedback_version',
            field=models.PositiveIntegerField(default=0, verbose_name='feedback version'),
        ),
        migrations.AlterField(
            model_name='historicalscore',
            name='comment',
            field=models.TextField(blank=True, verbose_name='comment for the country'),
        ),
        migrations.AlterField(
            model_name='score',
            name='comment',
            field=models.TextField(blank=True, verbose_name='comment for the country'),
        ),
    ]

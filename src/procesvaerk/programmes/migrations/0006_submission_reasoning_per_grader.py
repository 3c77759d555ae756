# SPDX-License-Identifier: MPL-2.0
"""The censor and the examiner each write their own reasoning for the grade."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('programmes', '0005_survey_response_random_key'),
    ]

    operations = [
        migrations.AddField(
            model_name='submission',
            name='censor_reasoning',
            field=models.TextField(blank=True, default='', max_length=2000, verbose_name="the censor's reasoning"),
        ),
        migrations.AddField(
            model_name='submission',
            name='examiner_reasoning',
            field=models.TextField(blank=True, default='', max_length=2000, verbose_name="the examiner's reasoning"),
        ),
    ]

# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0005_survey_response_random_key"),
    ]

    operations = [
        migrations.AddField(
            model_name="submission",
            name="grade_reasoning",
            field=models.TextField(
                blank=True, default="", max_length=2000, verbose_name="reasoning for the grade"
            ),
        ),
    ]

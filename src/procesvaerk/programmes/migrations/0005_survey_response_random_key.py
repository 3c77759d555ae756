# SPDX-License-Identifier: MPL-2.0
"""Survey answers get a random primary key, so that their order no longer links
them to the "has answered" rows (both were numbered in the same order)."""

from __future__ import annotations

import random
import uuid

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


def copy_in_random_order(apps, schema_editor):  # type: ignore[no-untyped-def]
    old = apps.get_model("programmes", "SurveyResponseNumbered")
    new = apps.get_model("programmes", "SurveyResponse")
    rows = list(old.objects.all())
    random.SystemRandom().shuffle(rows)
    new.objects.bulk_create(
        new(
            id=uuid.uuid4(),
            activity_id=row.activity_id,
            municipality_id=row.municipality_id,
            relevance=row.relevance,
            learning=row.learning,
            facilitation=row.facilitation,
            comment=row.comment,
        )
        for row in rows
    )


_SCALE = [
    django.core.validators.MinValueValidator(1),
    django.core.validators.MaxValueValidator(5),
]


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_notifications_for_every_app"),
        ("programmes", "0004_training_workplace_task_in_tasks_app"),
    ]

    operations = [
        migrations.RenameModel("SurveyResponse", "SurveyResponseNumbered"),
        migrations.AlterField(
            model_name="surveyresponsenumbered",
            name="activity",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="programmes.activity",
            ),
        ),
        migrations.CreateModel(
            name="SurveyResponse",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "relevance",
                    models.PositiveSmallIntegerField(
                        validators=_SCALE, verbose_name="relevance for my task"
                    ),
                ),
                (
                    "learning",
                    models.PositiveSmallIntegerField(validators=_SCALE, verbose_name="what I learned"),
                ),
                (
                    "facilitation",
                    models.PositiveSmallIntegerField(validators=_SCALE, verbose_name="facilitation"),
                ),
                ("comment", models.TextField(blank=True, verbose_name="comment")),
                (
                    "activity",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="responses",
                        to="programmes.activity",
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.municipality",
                    ),
                ),
            ],
            options={"verbose_name": "survey answer", "verbose_name_plural": "survey answers"},
        ),
        migrations.RunPython(copy_in_random_order, migrations.RunPython.noop),
        migrations.DeleteModel("SurveyResponseNumbered"),
    ]

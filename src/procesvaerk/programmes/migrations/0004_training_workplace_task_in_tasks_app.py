# SPDX-License-Identifier: MPL-2.0
"""The training workplace's task now lives in the tasks app (state only; same table)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('programmes', '0003_submission_files_to_core_uploads'),
        ('tasks', '0001_process_task_moved_from_corps'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='trainingworkplace',
                    name='task',
                    field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='training_workplace', to='tasks.processtask', verbose_name='process task'),
                ),
            ],
            database_operations=[],
        ),
    ]

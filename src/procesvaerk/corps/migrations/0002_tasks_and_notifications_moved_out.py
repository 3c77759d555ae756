# SPDX-License-Identifier: MPL-2.0
"""The corps gives the process task to the tasks app and its notifications to core.

Tasks: state only (the tables stay, see tasks 0001); the corps' keys now point at
``tasks.ProcessTask``. Notifications: each row is copied into core's notification
table with a text and a link, then the corps table goes.
"""

import django.db.models.deletion
from django.db import migrations, models

KIND_TEXT = {
    "assigned": "Du er blevet spurgt, om du vil tage opgaven",
    "accepted": "En konsulent har sagt ja til opgaven",
    "declined": "En konsulent har sagt nej til opgaven",
    "status": "Opgaven har skiftet status",
    "evaluate": "Evaluér venligst den hjælp, du har fået",
}
KIND_NEW = {
    "assigned": "corps.invited",
    "accepted": "corps.accepted",
    "declined": "corps.declined",
    "status": "tasks.status",
    "evaluate": "corps.evaluate",
}


def _copy_notifications(apps, schema_editor):
    old = apps.get_model("corps", "Notification")
    new = apps.get_model("core", "Notification")
    for note in old.objects.select_related("task").iterator():
        made = new.objects.create(
            recipient_id=note.recipient_id,
            kind=KIND_NEW.get(note.kind, "tasks.status"),
            text=f"{KIND_TEXT.get(note.kind, note.kind)}: {note.task.title}"[:400],
            url=f"/korps/opgaver/{note.task.code}/",
            read_at=note.read_at,
        )
        new.objects.filter(pk=made.pk).update(at=note.at)  # keep the original time


class Migration(migrations.Migration):
    dependencies = [
        ("corps", "0001_consultant_corps_tasks_and_ledger"),
        ("core", "0003_notifications_for_every_app"),
        ("tasks", "0001_process_task_moved_from_corps"),
        ("programmes", "0004_training_workplace_task_in_tasks_app"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                    migrations.AlterField(
                        model_name='case',
                        name='task',
                        field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='case', to='tasks.processtask'),
                    ),
                    migrations.AlterField(
                        model_name='evaluation',
                        name='task',
                        field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='evaluation', to='tasks.processtask'),
                    ),
                    migrations.AlterField(
                        model_name='engagement',
                        name='task',
                        field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='engagements', to='tasks.processtask', verbose_name='task'),
                    ),
                    migrations.AlterField(
                        model_name='retrospective',
                        name='task',
                        field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='retrospectives', to='tasks.processtask'),
                    ),
                migrations.AlterField(
                    model_name="notification",
                    name="task",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="tasks.processtask",
                    ),
                ),
                migrations.DeleteModel(name="TaskAgreement"),
                migrations.DeleteModel(name="TaskTransition"),
                migrations.DeleteModel(name="ProcessTask"),
            ],
            database_operations=[],
        ),
        migrations.RunPython(_copy_notifications, migrations.RunPython.noop),
        migrations.DeleteModel(name="Notification"),
    ]

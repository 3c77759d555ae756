# SPDX-License-Identifier: MPL-2.0
"""The process task, its steps and agreement move from the corps app to tasks.

State only: the tables keep their names (``corps_processtask``...), so every
row, key and constraint stays as it was. The content types follow the models.
"""

import django.core.validators
import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


MOVED = ("processtask", "tasktransition", "taskagreement")


def _relabel(apps, from_label, to_label):
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not content_type.objects.filter(app_label=to_label, model=model).exists():
            content_type.objects.filter(app_label=from_label, model=model).update(app_label=to_label)


def _content_types_to_tasks(apps, schema_editor):
    _relabel(apps, "corps", "tasks")


def _content_types_to_corps(apps, schema_editor):
    _relabel(apps, "tasks", "corps")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('core', '0001_tenancy_units_and_audit_log'),
        ('corps', '0001_consultant_corps_tasks_and_ledger'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='ProcessTask',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('code', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='code')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                    ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                    ('visibility', models.CharField(choices=[('private', 'Private (the municipality)'), ('cooperation', 'Cooperation (all member municipalities)'), ('public', 'Public (everyone on this site)')], default='private', max_length=12, verbose_name='visibility')),
                    ('title', models.CharField(max_length=200, verbose_name='title')),
                    ('background', models.TextField(verbose_name='background')),
                    ('desired_outcome', models.TextField(verbose_name='desired outcome')),
                    ('core_task', models.TextField(blank=True, verbose_name='core task it serves')),
                    ('task_types', models.CharField(max_length=200, verbose_name='task types')),
                    ('kle_code', models.CharField(blank=True, max_length=8, validators=[django.core.validators.RegexValidator('^\\d{2}\\.\\d{2}\\.\\d{2}$', 'Write the KLE code as ##.##.##.')], verbose_name='KLE code')),
                    ('period_start', models.DateField(verbose_name='desired start')),
                    ('period_end', models.DateField(verbose_name='desired end')),
                    ('size', models.CharField(choices=[('small', 'Small (under 20 hours)'), ('medium', 'Medium (20-60 hours)'), ('large', 'Large (over 60 hours)')], max_length=10, verbose_name='rough size')),
                    ('status', models.CharField(choices=[('requested', 'Requested'), ('scoping', 'Scoping'), ('agreed', 'Agreed'), ('in_progress', 'In progress'), ('delivered', 'Delivered'), ('evaluated', 'Evaluated'), ('rejected', 'Rejected'), ('cancelled', 'Cancelled')], db_index=True, default='requested', max_length=12, verbose_name='status')),
                    ('leader', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='led_tasks', to=settings.AUTH_USER_MODEL, verbose_name='leader')),
                    ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.municipality', verbose_name='municipality')),
                    ('requester', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='requested_tasks', to=settings.AUTH_USER_MODEL, verbose_name='requested by')),
                    ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='tasks', to='core.unit', verbose_name='unit')),
                ],
                options={
                    'verbose_name': 'process task',
                    'verbose_name_plural': 'process tasks',
                    'db_table': 'corps_processtask',
                    'ordering': ['-created_at'],
                },
            ),
            migrations.CreateModel(
                name='TaskAgreement',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('code', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='code')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                    ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                    ('purpose', models.TextField(verbose_name='purpose')),
                    ('scope', models.TextField(verbose_name='scope')),
                    ('success_criteria', models.TextField(verbose_name='success criteria')),
                    ('roles', models.TextField(verbose_name='roles')),
                    ('timeline', models.TextField(verbose_name='timeline')),
                    ('signed_off_at', models.DateTimeField(blank=True, null=True, verbose_name='signed off')),
                    ('signed_off_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='signed off by')),
                    ('task', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='agreement', to='tasks.processtask', verbose_name='task')),
                ],
                options={
                    'verbose_name': 'task agreement',
                    'verbose_name_plural': 'task agreements',
                    'db_table': 'corps_taskagreement',
                },
            ),
            migrations.CreateModel(
                name='TaskTransition',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('from_status', models.CharField(blank=True, choices=[('requested', 'Requested'), ('scoping', 'Scoping'), ('agreed', 'Agreed'), ('in_progress', 'In progress'), ('delivered', 'Delivered'), ('evaluated', 'Evaluated'), ('rejected', 'Rejected'), ('cancelled', 'Cancelled')], max_length=12, verbose_name='from')),
                    ('to_status', models.CharField(choices=[('requested', 'Requested'), ('scoping', 'Scoping'), ('agreed', 'Agreed'), ('in_progress', 'In progress'), ('delivered', 'Delivered'), ('evaluated', 'Evaluated'), ('rejected', 'Rejected'), ('cancelled', 'Cancelled')], max_length=12, verbose_name='to')),
                    ('at', models.DateTimeField(auto_now_add=True, verbose_name='time')),
                    ('comment', models.TextField(blank=True, verbose_name='comment')),
                    ('actor', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                    ('task', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='transitions', to='tasks.processtask', verbose_name='task')),
                ],
                options={
                    'verbose_name': 'status change',
                    'verbose_name_plural': 'status changes',
                    'db_table': 'corps_tasktransition',
                    'ordering': ['at', 'id'],
                },
            ),
            migrations.AddIndex(
                model_name='processtask',
                index=models.Index(fields=['municipality', 'status'], name='corps_task_mun_status'),
            ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(_content_types_to_tasks, _content_types_to_corps),
    ]

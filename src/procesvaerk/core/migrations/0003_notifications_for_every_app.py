# SPDX-License-Identifier: MPL-2.0
"""Notifications become a core service that every app uses."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_jobs_and_uploads'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Notification',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(db_index=True, max_length=60, verbose_name='kind')),
                ('text', models.CharField(max_length=400, verbose_name='text')),
                ('url', models.CharField(blank=True, max_length=500, verbose_name='link')),
                ('at', models.DateTimeField(auto_now_add=True, verbose_name='time')),
                ('read_at', models.DateTimeField(blank=True, null=True, verbose_name='read')),
                ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL, verbose_name='recipient')),
            ],
            options={
                'verbose_name': 'notification',
                'verbose_name_plural': 'notifications',
                'ordering': ['-at', '-id'],
                'indexes': [models.Index(fields=['recipient', 'read_at'], name='core_notif_unread')],
            },
        ),
    ]

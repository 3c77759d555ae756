# SPDX-License-Identifier: MPL-2.0
"""Exam submissions move onto the core upload service: each file moves from the
public media folder into private storage, with a StoredFile record."""

import logging
import uuid

import django.db.models.deletion
import procesvaerk.programmes.models.exam
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import migrations, models, transaction

logger = logging.getLogger("procesvaerk")

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def move_to_private_storage(apps, schema_editor):
    Submission = apps.get_model("programmes", "Submission")
    StoredFile = apps.get_model("core", "StoredFile")
    for submission in Submission.objects.exclude(file="").select_related("participant"):
        old_name = submission.file.name
        if not default_storage.exists(old_name):
            logger.warning("Submission %s: file %s is missing; not moved", submission.code, old_name)
            continue
        with default_storage.open(old_name, "rb") as source:
            # The old hand-in check let only PDF and DOCX through.
            file_type = "pdf" if source.read(5) == b"%PDF-" else "docx"
            source.seek(0)
            stored = StoredFile(
                code=uuid.uuid4(),
                kind="document",
                original_name=submission.original_name or f"opgave.{file_type}",
                file_type=file_type,
                content_type="application/pdf" if file_type == "pdf" else DOCX,
                size=default_storage.size(old_name),
                uploaded_by_id=submission.participant.user_id,
            )
            stored.file.save("upload", File(source), save=False)
        stored.save()
        submission.upload = stored
        submission.save(update_fields=["upload"])
        # Remove the public copy only once the move is committed.
        transaction.on_commit(lambda name=old_name: default_storage.delete(name))


def move_back_to_media(apps, schema_editor):
    Submission = apps.get_model("programmes", "Submission")
    Submission.objects.filter(upload=None, file=None).update(file="")
    for submission in Submission.objects.exclude(upload=None).select_related(
        "upload", "participant__cohort"
    ):
        stored = submission.upload
        name = f"exam/{submission.participant.cohort.code}/{submission.code}.{stored.file_type}"
        with stored.file.open("rb") as source:
            submission.file.name = default_storage.save(name, File(source))
        submission.upload = None
        submission.save(update_fields=["file", "upload"])
        private_name, storage = stored.file.name, stored.file.storage
        stored.delete()
        transaction.on_commit(lambda n=private_name, s=storage: s.delete(n))


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0002_jobs_and_uploads"),
        ("programmes", "0002_training_workplace_process_task"),
    ]

    operations = [
        migrations.AddField(
            model_name="submission",
            name="upload",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.storedfile",
                verbose_name="final assignment",
            ),
        ),
        # Nullable for the moment of the move, so that the step can also be reversed.
        migrations.AlterField(
            model_name="submission",
            name="file",
            field=models.FileField(
                null=True,
                upload_to=procesvaerk.programmes.models.exam.submission_path,
                verbose_name="final assignment",
            ),
        ),
        migrations.RunPython(move_to_private_storage, move_back_to_media),
        migrations.RemoveField(model_name="submission", name="file"),
    ]

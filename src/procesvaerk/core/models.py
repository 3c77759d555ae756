# SPDX-License-Identifier: MPL-2.0
"""Tenancy: cooperations, municipalities and their unit trees, plus the
abstract bases every owned object in later apps builds on."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.files.storage import Storage
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    """Public UUID ``code`` for URLs (never the database id) and timestamps."""

    code = models.UUIDField(_("code"), default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Private (the municipality)")
    COOPERATION = "cooperation", _("Cooperation (all member municipalities)")
    PUBLIC = "public", _("Public (everyone on this site)")


class OwnedModel(BaseModel):
    """An object owned by one municipality, read through ``core.access`` only."""

    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality"),
    )
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PRIVATE
    )

    class Meta:
        abstract = True


class Cooperation(BaseModel):
    name = models.CharField(_("name"), max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("cooperation")
        verbose_name_plural = _("cooperations")

    def __str__(self) -> str:
        return self.name


class Municipality(BaseModel):
    name = models.CharField(_("name"), max_length=100, unique=True)
    kommunekode = models.CharField(
        _("municipality code"),
        max_length=3,
        unique=True,
        validators=[RegexValidator(r"^\d{3}$", _("The municipality code is three digits."))],
    )
    cooperation = models.ForeignKey(
        Cooperation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="municipalities",
        verbose_name=_("cooperation"),
    )
    accessibility_statement_url = models.URLField(_("accessibility statement URL"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class Unit(OwnedModel):
    """An organisational unit (forvaltning, center, institution) in a tree."""

    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent unit"),
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_units",
        verbose_name=_("leader"),
    )
    core_task = models.TextField(_("core task"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "parent", "name"], name="unit_unique_name_per_parent"
            )
        ]

    def __str__(self) -> str:
        return self.name


class AuditEntry(models.Model):
    """Who did what to whose data, and when. Kept for AUDIT_RETENTION_DAYS."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_actions",
        verbose_name=_("actor"),
    )
    actor_label = models.CharField(_("actor"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_about",
        verbose_name=_("whose data"),
    )
    subject_label = models.CharField(_("whose data"), max_length=254, blank=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_code = models.CharField(_("object"), max_length=64, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Written once: an entry that exists is never changed."""
        if not self._state.adding:
            raise PermissionError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        """Only the retention purge (``core.audit.audit_purge``) removes entries."""
        raise PermissionError("Audit entries cannot be deleted.")


class Notification(models.Model):
    """Something that happened and needs a person: a short text in their language
    (rendered when sent), where to act, read or not. Kinds are declared per app
    in ``<app>/notification_kinds.py``."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=60, db_index=True)
    text = models.CharField(_("text"), max_length=400)
    url = models.CharField(_("link"), max_length=500, blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"], name="core_notif_unread")]

    def __str__(self) -> str:
        return f"{self.kind} -> {self.recipient_id}"


class JobState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Job(BaseModel):
    """One piece of background work and its visible progress. The row, not the
    task queue, is the truth: a request reads it, the worker writes it."""

    kind = models.CharField(_("kind"), max_length=64, db_index=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jobs",
        verbose_name=_("started by"),
    )
    # A generic target as plain strings: core imports no app, and a label and
    # link are all the progress page needs.
    target_label = models.CharField(_("target"), max_length=255, blank=True)
    target_url = models.CharField(_("target link"), max_length=500, blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=JobState.choices, default=JobState.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    progress_message = models.CharField(_("progress message"), max_length=200, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        indexes = [models.Index(fields=["state", "heartbeat_at"], name="core_job_state_heartbeat")]

    def __str__(self) -> str:
        return f"{self.kind} {self.code}"

    @property
    def is_active(self) -> bool:
        return self.state in (JobState.QUEUED, JobState.RUNNING)

    @property
    def kind_label(self) -> str:
        from procesvaerk.core.jobs.registry import job_kinds

        kind = job_kinds().get(self.kind)
        return str(kind.label) if kind else self.kind


def _stored_file_name(instance: StoredFile, filename: str) -> str:
    # The name on disk is the code; the user's file name stays on the row only.
    return f"{instance.kind}/{instance.code}.{instance.file_type.replace('.', '-')}"


def _private_storage() -> Storage:
    from procesvaerk.core.storage import private_storage

    return private_storage()


class StoredFile(BaseModel):
    """An uploaded file in private storage, read only through an access-checked,
    audited view (``core.uploads.serve_upload``)."""

    kind = models.CharField(_("kind"), max_length=32)
    file = models.FileField(_("file"), upload_to=_stored_file_name, storage=_private_storage)
    original_name = models.CharField(_("file name"), max_length=255)
    file_type = models.CharField(_("file type"), max_length=16)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uploaded file")
        verbose_name_plural = _("uploaded files")

    def __str__(self) -> str:
        return self.original_name


class FormSubmission(models.Model):
    """One submission of one rendered form (its ``form_key``): a double click or a resent
    POST finds the first and is sent where the first went, instead of writing twice."""

    key = models.UUIDField(unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=500)
    result_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self) -> str:
        return f"{self.key} {self.path}"

# SPDX-License-Identifier: MPL-2.0
"""The process task (procesopgave), the hub every artefact hangs on: the request,
its workflow steps and the for-proces agreement. The tables keep the names they
had when the corps app owned them, so a move needed no data migration."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from procesvaerk.core.models import BaseModel, OwnedModel


class TaskType(models.TextChoices):
    FACILITATION = "facilitation", _("Facilitation")
    MAPPING = "mapping", _("Process mapping")
    BENEFITS = "benefits", _("Benefits realisation")
    CHANGE = "change", _("Change support")
    EVALUATION = "evaluation", _("Evaluation")


class TaskSize(models.TextChoices):
    SMALL = "small", _("Small (under 20 hours)")
    MEDIUM = "medium", _("Medium (20-60 hours)")
    LARGE = "large", _("Large (over 60 hours)")


SIZE_HOURS = {TaskSize.SMALL: 15, TaskSize.MEDIUM: 40, TaskSize.LARGE: 80}


class TaskStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    SCOPING = "scoping", _("Scoping")
    AGREED = "agreed", _("Agreed")
    IN_PROGRESS = "in_progress", _("In progress")
    DELIVERED = "delivered", _("Delivered")
    EVALUATED = "evaluated", _("Evaluated")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


def _split(value: str) -> list[str]:
    return [part for part in value.split(",") if part]


class ProcessTask(OwnedModel):
    """A request for help from a workplace: the hub every artefact hangs on."""

    title = models.CharField(_("title"), max_length=200)
    background = models.TextField(_("background"))
    desired_outcome = models.TextField(_("desired outcome"))
    core_task = models.TextField(_("core task it serves"), blank=True)
    task_types = models.CharField(_("task types"), max_length=200)
    kle_code = models.CharField(
        _("KLE code"),
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^\d{2}\.\d{2}\.\d{2}$", _("Write the KLE code as ##.##.##."))],
    )
    unit = models.ForeignKey(
        "core.Unit", on_delete=models.PROTECT, related_name="tasks", verbose_name=_("unit")
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="requested_tasks",
        verbose_name=_("requested by"),
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="led_tasks",
        verbose_name=_("leader"),
    )
    period_start = models.DateField(_("desired start"))
    period_end = models.DateField(_("desired end"))
    size = models.CharField(_("rough size"), max_length=10, choices=TaskSize.choices)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=TaskStatus.choices,
        default=TaskStatus.REQUESTED,
        db_index=True,
    )

    class Meta:
        db_table = "corps_processtask"  # kept from when the corps app owned tasks
        ordering = ["-created_at"]
        verbose_name = _("process task")
        verbose_name_plural = _("process tasks")
        indexes = [models.Index(fields=["municipality", "status"], name="corps_task_mun_status")]

    def __str__(self) -> str:
        return self.title

    @property
    def type_list(self) -> list[str]:
        return _split(self.task_types)

    @property
    def type_labels(self) -> list[str]:
        labels = dict(TaskType.choices)
        return [str(labels.get(t, t)) for t in self.type_list]

    @property
    def estimated_hours(self) -> int:
        return SIZE_HOURS.get(self.size, 40)  # type: ignore[call-overload]


class TaskTransition(models.Model):
    """One step of the workflow: who moved the task, when, and why."""

    task = models.ForeignKey(
        ProcessTask, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("task")
    )
    from_status = models.CharField(_("from"), max_length=12, choices=TaskStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=12, choices=TaskStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("time"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        db_table = "corps_tasktransition"
        ordering = ["at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.task_id}: {self.from_status} -> {self.to_status}"


class TaskAgreement(BaseModel):
    """The for-proces agreement; the task cannot be agreed without the leader's sign-off."""

    task = models.OneToOneField(
        ProcessTask, on_delete=models.CASCADE, related_name="agreement", verbose_name=_("task")
    )
    purpose = models.TextField(_("purpose"))
    scope = models.TextField(_("scope"))
    success_criteria = models.TextField(_("success criteria"))
    roles = models.TextField(_("roles"))
    timeline = models.TextField(_("timeline"))
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed off by"),
    )
    signed_off_at = models.DateTimeField(_("signed off"), null=True, blank=True)

    class Meta:
        db_table = "corps_taskagreement"
        verbose_name = _("task agreement")
        verbose_name_plural = _("task agreements")

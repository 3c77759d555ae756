# SPDX-License-Identifier: MPL-2.0
"""The consultant corps: profiles, process tasks (the hub), agreements,
engagements, hours, evaluations, cases and notifications."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from procesvaerk.core.models import BaseModel, OwnedModel


class Competence(models.TextChoices):
    FACILITATION = "facilitation", _("Facilitation")
    PROCESS_ANALYSIS = "process_analysis", _("Process analysis")
    PROCESS_MINING = "process_mining", _("Process mining")
    BUSINESS_CASE = "business_case", _("Business case")
    BENEFITS = "benefits_realisation", _("Benefits realisation")
    CHANGE = "change_management", _("Change management")
    COMMUNICATION = "communication", _("Communication")
    CITIZEN = "citizen_involvement", _("Citizen involvement")
    EVALUATION = "evaluation", _("Evaluation")


class TaskType(models.TextChoices):
    FACILITATION = "facilitation", _("Facilitation")
    MAPPING = "mapping", _("Process mapping")
    BENEFITS = "benefits", _("Benefits realisation")
    CHANGE = "change", _("Change support")
    EVALUATION = "evaluation", _("Evaluation")


# Which competences a task type calls for (used by matching).
TYPE_COMPETENCES: dict[str, tuple[str, ...]] = {
    TaskType.FACILITATION: (Competence.FACILITATION,),
    TaskType.MAPPING: (Competence.PROCESS_ANALYSIS,),
    TaskType.BENEFITS: (Competence.BENEFITS, Competence.BUSINESS_CASE),
    TaskType.CHANGE: (Competence.CHANGE, Competence.COMMUNICATION),
    TaskType.EVALUATION: (Competence.EVALUATION,),
}


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


class ConsultantProfile(OwnedModel):
    """A consultant in the corps; ``municipality`` is the home municipality.

    Visibility is ``cooperation`` when the consultant takes tasks elsewhere in
    the cooperation, else ``private`` (set by ``profile_save``)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="consultant_profile",
        verbose_name=_("consultant"),
    )
    unit = models.ForeignKey(
        "core.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("own unit"),
    )
    competences = models.CharField(_("competences"), max_length=400, blank=True)
    tags = models.CharField(_("other tags"), max_length=400, blank=True)
    methods = models.TextField(_("methods mastered"), blank=True)
    capacity_hours = models.PositiveIntegerField(
        _("capacity (hours per month)"), default=10, validators=[MaxValueValidator(160)]
    )
    corps_from = models.DateField(_("in the corps from"))
    corps_to = models.DateField(_("in the corps until"))
    cross_municipality = models.BooleanField(
        _("takes tasks in other municipalities of the cooperation"), default=False
    )

    class Meta:
        ordering = ["user__full_name"]
        verbose_name = _("consultant profile")
        verbose_name_plural = _("consultant profiles")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def competence_list(self) -> list[str]:
        return _split(self.competences)

    @property
    def competence_labels(self) -> list[str]:
        labels = dict(Competence.choices)
        return [str(labels.get(c, c)) for c in self.competence_list]

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]


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
        verbose_name = _("task agreement")
        verbose_name_plural = _("task agreements")


class EngagementStatus(models.TextChoices):
    PROPOSED = "proposed", _("Awaiting answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Engagement(BaseModel):
    task = models.ForeignKey(
        ProcessTask, on_delete=models.CASCADE, related_name="engagements", verbose_name=_("task")
    )
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="engagements",
        verbose_name=_("consultant"),
    )
    home_municipality = models.ForeignKey(
        "core.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    planned_hours = models.DecimalField(
        _("planned hours"),
        max_digits=6,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5"))],
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=EngagementStatus.choices,
        default=EngagementStatus.PROPOSED,
    )
    response_comment = models.TextField(_("comment"), blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        constraints = [
            models.UniqueConstraint(fields=["task", "consultant"], name="engagement_unique")
        ]


class TimeEntry(BaseModel):
    """Hours registered on an engagement. ``from``/``to`` municipality are
    copied at registration so the lending ledger stays stable."""

    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="time_entries"
    )
    date = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("24"))],
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    from_municipality = models.ForeignKey(
        "core.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    to_municipality = models.ForeignKey(
        "core.Municipality", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("time registration")
        verbose_name_plural = _("time registrations")


RATING_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class Evaluation(BaseModel):
    """The leader's rating of the help after delivery."""

    task = models.OneToOneField(ProcessTask, on_delete=models.CASCADE, related_name="evaluation")
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    purpose_met = models.PositiveSmallIntegerField(
        _("The help met the agreed purpose"), validators=RATING_VALIDATORS
    )
    process_quality = models.PositiveSmallIntegerField(
        _("The process was well planned and run"), validators=RATING_VALIDATORS
    )
    consultant_quality = models.PositiveSmallIntegerField(
        _("The consultants facilitated well"), validators=RATING_VALIDATORS
    )
    recommend = models.PositiveSmallIntegerField(
        _("I would ask the corps again"), validators=RATING_VALIDATORS
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")


class Retrospective(BaseModel):
    """A consultant's start/stop/continue after delivery."""

    task = models.ForeignKey(ProcessTask, on_delete=models.CASCADE, related_name="retrospectives")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    start = models.TextField(_("Start doing"))
    stop = models.TextField(_("Stop doing"))
    keep = models.TextField(_("Continue doing"))

    class Meta:
        verbose_name = _("retrospective")
        verbose_name_plural = _("retrospectives")
        constraints = [
            models.UniqueConstraint(fields=["task", "author"], name="retrospective_unique")
        ]


class Case(OwnedModel):
    """An anonymised case from a delivered task, shared with the cooperation
    once the leader has agreed."""

    task = models.OneToOneField(ProcessTask, on_delete=models.CASCADE, related_name="case")
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"))
    methods_used = models.TextField(_("methods used"))
    outcome = models.TextField(_("outcome"))
    leader_agreed_at = models.DateTimeField(_("leader agreed"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return self.title


class NotificationKind(models.TextChoices):
    ASSIGNED = "assigned", _("You have been asked to take a task")
    ACCEPTED = "accepted", _("A consultant accepted the task")
    DECLINED = "declined", _("A consultant declined the task")
    STATUS = "status", _("The task changed status")
    EVALUATE = "evaluate", _("Please evaluate the help you received")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=NotificationKind.choices)
    task = models.ForeignKey(ProcessTask, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(_("time"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.kind} -> {self.recipient_id}"

# SPDX-License-Identifier: MPL-2.0
"""The consultant corps: profiles, engagements, hours, evaluations and cases.
The process task itself lives in ``procesvaerk.tasks``."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from procesvaerk.core.models import BaseModel, OwnedModel
from procesvaerk.tasks.models import ProcessTask, TaskType


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


# Which competences a task type calls for (used by matching).
TYPE_COMPETENCES: dict[str, tuple[str, ...]] = {
    TaskType.FACILITATION: (Competence.FACILITATION,),
    TaskType.MAPPING: (Competence.PROCESS_ANALYSIS,),
    TaskType.BENEFITS: (Competence.BENEFITS, Competence.BUSINESS_CASE),
    TaskType.CHANGE: (Competence.CHANGE, Competence.COMMUNICATION),
    TaskType.EVALUATION: (Competence.EVALUATION,),
}


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


class HoursApproval(BaseModel):
    """A coordinator of a task's municipality approves a consultant's hours of one
    month on that municipality's tasks; the month's entries are then locked."""

    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="hours_approvals",
        verbose_name=_("consultant"),
    )
    municipality = models.ForeignKey(
        "core.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"))

    class Meta:
        ordering = ["-year", "-month"]
        verbose_name = _("approval of hours")
        verbose_name_plural = _("approvals of hours")
        constraints = [
            models.UniqueConstraint(
                fields=["consultant", "municipality", "year", "month"],
                name="hours_approval_unique",
            )
        ]


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

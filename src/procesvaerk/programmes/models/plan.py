# SPDX-License-Identifier: MPL-2.0
"""Programme templates and the cohorts built from them."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from procesvaerk.core.models import BaseModel, OwnedModel


class ActivityKind(models.TextChoices):
    KICKOFF = "kickoff", _("Kick-off")
    SCOPING = "scoping", _("For-process")
    WORKSHOP = "workshop", _("Workshop")
    LEARNING_GROUP = "learning_group", _("Learning-group meeting")
    ACTION = "action", _("Action")
    CAMP = "camp", _("Camp")
    LEARNING_CAFE = "learning_cafe", _("Learning café")
    EVALUATION_DAY = "evaluation_day", _("Network and evaluation day")
    EXPERIENCE_WORKSHOP = "experience_workshop", _("Experience workshop")
    EXAM = "exam", _("Exam")


class Programme(OwnedModel):
    """A template: competence goals and an ordered plan of learning spaces."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name


class CompetenceGoal(BaseModel):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="goals")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("competence goal"), max_length=300)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("competence goal")
        verbose_name_plural = _("competence goals")

    def __str__(self) -> str:
        return self.text


class PlanItem(BaseModel):
    """One learning space of a template, placed by its offset from the start."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="plan")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=24, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=200)
    offset_days = models.PositiveIntegerField(_("days after start"))
    start_time = models.TimeField(_("start time"), default="09:00")
    duration_hours = models.DecimalField(_("length (hours)"), max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["order", "offset_days", "id"]
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")

    def __str__(self) -> str:
        return self.title


class Cohort(OwnedModel):
    """A hold: one run of a programme with dates, participants and instructors."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="cohorts", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=200)
    start_date = models.DateField(_("start date"))
    instructors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="taught_cohorts",
        verbose_name=_("instructors"),
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    feed_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")

    def __str__(self) -> str:
        return self.name


class Activity(BaseModel):
    """A dated learning space of a cohort."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("kind"), max_length=24, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("location"), max_length=200, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.title

    @property
    def spans_days(self) -> bool:
        """A camp or internat: it ends on a later local date than it starts."""
        from procesvaerk.programmes.calc import spans_days

        return spans_days(self.starts_at, self.ends_at)


class LearningGroup(BaseModel):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("name"), max_length=100)
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supervised_groups",
        verbose_name=_("supervisor"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("learning group")
        verbose_name_plural = _("learning groups")

    def __str__(self) -> str:
        return self.name


class TrainingWorkplace(BaseModel):
    """A real workplace that lends the cohort a real process task."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="workplaces")
    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="+")
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("leader"),
    )
    task = models.OneToOneField(
        "tasks.ProcessTask",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_workplace",
        verbose_name=_("process task"),
    )

    class Meta:
        ordering = ["unit__name"]
        verbose_name = _("training workplace")
        verbose_name_plural = _("training workplaces")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "unit"], name="workplace_once_per_cohort")
        ]

    def __str__(self) -> str:
        """Unit and municipality, e.g. "Hjemmeplejen, Gribskov"."""
        return f"{self.unit.name}, {self.unit.municipality.name}"


class Participant(BaseModel):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="participations"
    )
    municipality = models.ForeignKey(
        "core.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    group = models.ForeignKey(
        LearningGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("learning group"),
    )
    workplace = models.ForeignKey(
        TrainingWorkplace,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participants",
        verbose_name=_("training workplace"),
    )

    class Meta:
        ordering = ["user__full_name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "user"], name="participant_once_per_cohort")
        ]

    def __str__(self) -> str:
        return str(self.user)


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="attendance")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="attendance"
    )
    status = models.CharField(_("attendance"), max_length=8, choices=Status.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["activity", "participant"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.participant} · {self.activity}: {self.status}"


class PersonalFeed(models.Model):
    """A secret token so a person's calendar app can subscribe without a login."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="programme_feed"
    )
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    def __str__(self) -> str:
        return str(self.user)

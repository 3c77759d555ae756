# SPDX-License-Identifier: MPL-2.0
"""What participants do and learn between modules, and how they rate it."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from procesvaerk.core.models import BaseModel
from procesvaerk.programmes.models.plan import Activity, Participant


class Action(BaseModel):
    """An aktion: planned on the participant's task, carried out, learned from."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="actions")
    activity = models.ForeignKey(
        Activity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("between modules (after)"),
    )
    title = models.CharField(_("title"), max_length=200)
    plan = models.TextField(_("what you plan to do"))
    done_on = models.DateField(_("carried out on"), null=True, blank=True)
    what_happened = models.TextField(_("what happened"), blank=True)
    learned = models.TextField(_("what you learned"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_on is not None


class Reflection(BaseModel):
    """The participant's private log; the supervisor reads it only when shared."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="reflections"
    )
    text = models.TextField(_("reflection"))
    shared_with_supervisor = models.BooleanField(_("share with my supervisor"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")

    def __str__(self) -> str:
        return f"{self.participant} {self.created_at:%Y-%m-%d}"


class SupervisionNote(BaseModel):
    """Notes from a learning café about one participant's process work."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="supervision_notes"
    )
    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="supervision_notes",
        verbose_name=_("learning café"),
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("supervision note"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("supervision note")
        verbose_name_plural = _("supervision notes")

    def __str__(self) -> str:
        return f"{self.participant} · {self.activity}"


_SCALE = [MinValueValidator(1), MaxValueValidator(5)]


class SurveySubmission(models.Model):
    """Who has answered (to stop double answers); says nothing of what."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="+")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["activity", "participant"], name="survey_once")
        ]

    def __str__(self) -> str:
        return f"{self.activity_id}/{self.participant_id}"


class SurveyResponse(models.Model):
    """The answers, kept apart from the submission so no answer names its author.

    No key links an answer to its ``SurveySubmission``: the primary key is random
    (a counter would follow the submissions' order), and there is no timestamp.
    ``municipality`` is kept for breakdowns, shown only where no single answer can
    be derived (``calc.survey_breakdown``).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="responses")
    municipality = models.ForeignKey(
        "core.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    relevance = models.PositiveSmallIntegerField(_("relevance for my task"), validators=_SCALE)
    learning = models.PositiveSmallIntegerField(_("what I learned"), validators=_SCALE)
    facilitation = models.PositiveSmallIntegerField(_("facilitation"), validators=_SCALE)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")

    def __str__(self) -> str:
        return f"{self.activity} ({self.pk})"


class ReminderLog(models.Model):
    """One row per reminder sent, so a daily run never sends the same twice."""

    key = models.CharField(max_length=200, unique=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.key

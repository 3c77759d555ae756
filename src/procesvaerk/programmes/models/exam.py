# SPDX-License-Identifier: MPL-2.0
"""The exam: a final assignment per participant, graded by examiner and censor."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from procesvaerk.core.models import BaseModel
from procesvaerk.programmes.models.plan import Participant


class Grade(models.IntegerChoices):
    """The Danish 7-trinsskala; 02 or above passes."""

    MINUS_3 = -3, "-3"
    G00 = 0, "00"
    G02 = 2, "02"
    G4 = 4, "4"
    G7 = 7, "7"
    G10 = 10, "10"
    G12 = 12, "12"


def submission_path(instance: Submission, filename: str) -> str:
    # Only migration 0001 uses this now; files live in core's private storage.
    suffix = filename.rsplit(".", 1)[-1].lower()
    return f"exam/{instance.participant.cohort.code}/{instance.code}.{suffix}"


class Submission(BaseModel):
    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="submission"
    )
    # Through the core upload service: private storage, audited download.
    upload = models.OneToOneField(
        "core.StoredFile",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("final assignment"),
    )
    original_name = models.CharField(max_length=255)
    links = models.TextField(_("links to your task's artefacts"), blank=True)
    examiner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="examined_submissions",
        verbose_name=_("examiner"),
    )
    censor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="censored_submissions",
        verbose_name=_("censor"),
    )
    grade = models.SmallIntegerField(_("grade"), choices=Grade.choices, null=True, blank=True)
    graded_at = models.DateTimeField(null=True, blank=True)
    # Each grader writes their own reasoning; neither overwrites the other's.
    censor_reasoning = models.TextField(
        _("the censor's reasoning"), max_length=2000, blank=True, default=""
    )
    examiner_reasoning = models.TextField(
        _("the examiner's reasoning"), max_length=2000, blank=True, default=""
    )

    def reasoning_of(self, user_id: int | None) -> str:
        """The reasoning the given grader wrote (the censor's when they are both)."""
        if user_id is not None and user_id == self.censor_id:
            return self.censor_reasoning
        if user_id is not None and user_id == self.examiner_id:
            return self.examiner_reasoning
        return ""

    class Meta:
        ordering = ["participant__user__full_name"]
        verbose_name = _("exam submission")
        verbose_name_plural = _("exam submissions")

    @property
    def passed(self) -> bool | None:
        return None if self.grade is None else self.grade >= 2

# SPDX-License-Identifier: MPL-2.0
"""Exam writes: hand-in (through the core upload service), examiner/censor, grading."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from procesvaerk.accounts.models import User
from procesvaerk.core import access
from procesvaerk.core.audit import audit_record
from procesvaerk.core.notifications import notification_send
from procesvaerk.core.roles import Role
from procesvaerk.core.uploads import upload_delete, upload_store
from procesvaerk.programmes import access as programme_access
from procesvaerk.programmes import calc
from procesvaerk.programmes.models import ActivityKind, Cohort, Participant, Submission

ASSIGNMENT_KIND = "document"  # PDF or DOCX, the limit in settings.UPLOAD_MAX_BYTES


@transaction.atomic
def submission_upload(
    *, actor: User, participant: Participant, upload: UploadedFile, links: str
) -> Submission:
    if participant.user_id != actor.pk:
        raise PermissionDenied
    existing = Submission.objects.filter(participant=participant).first()
    if existing is not None and existing.grade is not None:
        raise ValidationError(_("The assignment has been graded and can no longer be changed."))
    stored = upload_store(actor=actor, kind=ASSIGNMENT_KIND, upload=upload)
    submission = existing or Submission(participant=participant)
    replaced = submission.upload
    submission.original_name = stored.original_name
    submission.links = links
    submission.upload = stored
    submission.save()
    if replaced is not None:
        upload_delete(upload=replaced)  # its file goes once this is committed
    return submission


@transaction.atomic
def submission_assign(
    *, actor: User, submission: Submission, examiner: User | None, censor: User | None
) -> Submission:
    cohort = submission.participant.cohort
    access.require_role(actor, cohort.municipality_id, Role.COORDINATOR)
    if examiner is not None and not (
        programme_access.examiner_candidates(cohort).filter(pk=examiner.pk).exists()
    ):
        raise ValidationError(
            _("The examiner must be an instructor or coordinator of the cohort's municipality.")
        )
    if censor is not None and not (
        programme_access.censor_candidates(cohort).filter(pk=censor.pk).exists()
    ):
        raise ValidationError(
            _("The censor must hold the censor role in the cohort's cooperation.")
        )
    if censor is not None and examiner is not None and censor.pk == examiner.pk:
        raise ValidationError(_("The censor and the examiner must be two people."))
    # Lock and re-read: a double submit tells the censor once.
    submission.censor_id = (
        Submission.objects.select_for_update()
        .values_list("censor_id", flat=True)
        .get(pk=submission.pk)
    )
    newly_assigned = censor is not None and censor.pk != submission.censor_id
    submission.examiner, submission.censor = examiner, censor
    submission.save(update_fields=["examiner", "censor", "updated_at"])
    if newly_assigned and censor is not None:
        notify_censor(censor=censor, submission=submission)
    return submission


def notify_censor(*, censor: User, submission: Submission) -> None:
    cohort = submission.participant.cohort
    notification_send(
        recipient=censor,
        kind="programmes.submission_assigned",
        text=gettext_lazy(
            "You are censor for %(name)s's exam assignment (%(cohort)s). Read and grade it."
        ),
        params={"name": submission.participant.user.full_name, "cohort": cohort.name},
        url=reverse("programmes:exam", kwargs={"code": cohort.code}),
    )


REASONING_MAX = 2000
REASON_MAX = 500


def exam_date(cohort: Cohort) -> date | None:
    """The day of the cohort's exam activity (its first, if moved into several), or None."""
    exam = cohort.activities.filter(kind=ActivityKind.EXAM).order_by("starts_at").first()
    return timezone.localtime(exam.starts_at).date() if exam else None


@transaction.atomic
def submission_grade(
    *,
    actor: User,
    submission: Submission,
    grade: int,
    reasoning: str = "",
    reason: str = "",
) -> Submission:
    """Only the assigned censor or examiner grades; only the 7-point scale; not before
    the exam date. A grade changed after the cohort is completed needs a reason, which
    the audit log keeps."""
    if actor.pk not in (submission.censor_id, submission.examiner_id):
        raise PermissionDenied
    if grade not in calc.SCALE:
        raise ValidationError(
            _("%(grade)s is not a grade on the 7-point scale.") % {"grade": grade}
        )
    cohort = submission.participant.cohort
    opens = exam_date(cohort)
    if opens is not None and timezone.localdate() < opens:
        raise ValidationError(
            _("Grading opens on the exam date, %(date)s.")
            % {"date": date_format(opens, "SHORT_DATE_FORMAT")}
        )
    reasoning, reason = reasoning.strip(), reason.strip()
    if len(reasoning) > REASONING_MAX:
        raise ValidationError(
            _("The reasoning can be at most %(n)s characters.") % {"n": REASONING_MAX}
        )
    if len(reason) > REASON_MAX:
        raise ValidationError(_("The reason can be at most %(n)s characters.") % {"n": REASON_MAX})
    previous = (
        Submission.objects.select_for_update().values_list("grade", flat=True).get(pk=submission.pk)
    )
    changed_after_completion = (
        cohort.completed_at is not None and previous is not None and previous != grade
    )
    if changed_after_completion and not reason:
        raise ValidationError(
            _("The cohort has been completed: give a reason for changing the grade.")
        )
    submission.grade, submission.graded_at = grade, timezone.now()
    # The grader's own reasoning field: the censor's and the examiner's stay apart.
    field = "censor_reasoning" if actor.pk == submission.censor_id else "examiner_reasoning"
    setattr(submission, field, reasoning)
    submission.save(update_fields=["grade", "graded_at", field, "updated_at"])
    detail: dict[str, object] = {"grade": grade}
    if changed_after_completion:
        detail |= {"previous": previous, "reason": reason}
    audit_record(
        actor=actor,
        action="exam.grade",
        target=submission.participant,
        subject=submission.participant.user,
        municipality=cohort.municipality,
        detail=detail,
    )
    return submission

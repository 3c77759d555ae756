# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from procesvaerk.core.bounded_forms import BoundedForm, BoundedModelForm
from procesvaerk.programmes.models import ActivityKind, Attendance, Grade, PlanItem


class DateInput(forms.DateInput):
    input_type = "date"


class ProgrammeForm(BoundedForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    goals = forms.CharField(
        label=_("Competence goals"),
        widget=forms.Textarea,
        required=False,
        help_text=_("One goal per line."),
    )


class CopyForm(BoundedForm):
    name = forms.CharField(label=_("Name of the copy"), max_length=200)


class PlanItemForm(BoundedModelForm):
    class Meta:
        model = PlanItem
        fields = ["order", "kind", "title", "offset_days", "start_time", "duration_hours"]
        widgets = {"start_time": forms.TimeInput(attrs={"type": "time"})}


class CohortForm(BoundedForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    start_date = forms.DateField(label=_("Start date"), widget=DateInput)


class MoveForm(BoundedForm):
    starts_at = forms.DateTimeField(
        label=_("New start"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


class ChoosePersonForm(BoundedForm):
    person = forms.ChoiceField(label=_("Person"))

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "---------"), *choices]  # type: ignore[attr-defined]


class GroupSizeForm(BoundedForm):
    size = forms.IntegerField(label=_("Group size"), min_value=2, max_value=12, initial=4)


class ActionForm(BoundedForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    plan = forms.CharField(label=_("What you plan to do"), widget=forms.Textarea)
    activity = forms.ChoiceField(label=_("After which module"), required=False)

    def __init__(self, *args: Any, activities: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity"].choices = [("", "---------"), *activities]  # type: ignore[attr-defined]


class ActionDoneForm(BoundedForm):
    done_on = forms.DateField(label=_("Carried out on"), widget=DateInput)
    what_happened = forms.CharField(label=_("What happened"), widget=forms.Textarea)
    learned = forms.CharField(label=_("What you learned"), widget=forms.Textarea)


class ReflectionForm(BoundedForm):
    text = forms.CharField(label=_("Reflection"), widget=forms.Textarea)
    shared = forms.BooleanField(label=_("Share with my supervisor"), required=False)


class NoteForm(BoundedForm):
    activity = forms.ChoiceField(label=_("Learning café"))
    text = forms.CharField(label=_("Supervision note"), widget=forms.Textarea)

    def __init__(self, *args: Any, cafes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity"].choices = cafes  # type: ignore[attr-defined]


_SCALE = [(n, str(n)) for n in range(1, 6)]


class SurveyForm(BoundedForm):
    relevance = forms.TypedChoiceField(
        label=_("How relevant was it for your process task? (1-5)"),
        choices=_SCALE,
        coerce=int,
        widget=forms.RadioSelect,
    )
    learning = forms.TypedChoiceField(
        label=_("How much did you learn? (1-5)"),
        choices=_SCALE,
        coerce=int,
        widget=forms.RadioSelect,
    )
    facilitation = forms.TypedChoiceField(
        label=_("How well was it facilitated? (1-5)"),
        choices=_SCALE,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea, required=False)


class SubmissionForm(BoundedForm):
    file = forms.FileField(
        label=_("Final assignment (PDF or DOCX, at most 20 MB)"),
        max_length=255,
    )
    links = forms.CharField(
        label=_("Links to your task's artefacts"),
        widget=forms.Textarea,
        required=False,
        help_text=_("One link per line: process map, analysis, business case."),
    )


class AssignForm(BoundedForm):
    examiner = forms.ChoiceField(label=_("Examiner"), required=False)
    censor = forms.ChoiceField(label=_("Censor"), required=False)

    def __init__(
        self,
        *args: Any,
        examiners: list[tuple[str, str]],
        censors: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["examiner"].choices = [("", "---------"), *examiners]  # type: ignore[attr-defined]
        self.fields["censor"].choices = [("", "---------"), *censors]  # type: ignore[attr-defined]


class GradeForm(BoundedForm):
    """Starts empty: a grade is always a choice, never a default."""

    grade = forms.TypedChoiceField(
        label=_("Grade"), choices=[("", "---------"), *Grade.choices], coerce=int
    )
    grade_reasoning = forms.CharField(
        label=_("Reasoning for the grade"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
        help_text=_("Optional. A short reasoning, at most 2000 characters."),
    )

    def __init__(self, *args: Any, needs_reason: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if needs_reason:
            self.fields["reason"] = forms.CharField(
                label=_("Reason for changing the grade"),
                max_length=500,
                required=False,
                help_text=_("The cohort has been completed: a changed grade needs a reason."),
            )


class CompleteForm(BoundedForm):
    confirm = forms.BooleanField(
        label=_("Yes, complete the cohort: graduates join the consultant corps"),
        error_messages={"required": _("Confirm that you want to complete the cohort.")},
    )
    corps_from = forms.DateField(label=_("Corps period from"), widget=DateInput)
    corps_to = forms.DateField(label=_("Corps period to"), widget=DateInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("corps_from")
            and data.get("corps_to")
            and data["corps_from"] > data["corps_to"]
        ):
            raise forms.ValidationError(_("The start date must be before the end date."))
        return data


ATTENDANCE_CHOICES = [("", "-"), *Attendance.Status.choices]
KIND_CHOICES = ActivityKind.choices

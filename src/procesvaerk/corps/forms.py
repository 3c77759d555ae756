# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from procesvaerk.core.bounded_forms import BoundedForm, BoundedModelForm
from procesvaerk.corps.models import Competence, ConsultantProfile, Evaluation
from procesvaerk.tasks.models import TaskStatus, TaskType

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AssignForm(BoundedForm):
    consultant = forms.UUIDField(widget=forms.HiddenInput)
    planned_hours = forms.DecimalField(
        label=_("Planned hours"),
        min_value=0.5,
        max_digits=6,
        decimal_places=1,
        error_messages={
            "required": _("Write the planned hours, at least 0.5."),
            "min_value": _("The planned hours must be at least 0.5."),
            "invalid": _("Write the planned hours as a number, e.g. 12.5."),
        },
    )


class RespondForm(BoundedForm):
    comment = forms.CharField(label=_("Comment"), required=False, max_length=500)


class TimeEntryForm(BoundedForm):
    day = forms.DateField(label=_("Date"), widget=DATE)
    hours = forms.DecimalField(
        label=_("Hours"), min_value=0.5, max_value=24, max_digits=5, decimal_places=1
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=200)


RATING_CHOICES = [(i, str(i)) for i in range(1, 6)]


class EvaluationForm(BoundedModelForm):
    class Meta:
        model = Evaluation
        fields = ["purpose_met", "process_quality", "consultant_quality", "recommend", "comment"]
        widgets = {
            "purpose_met": forms.RadioSelect(choices=RATING_CHOICES, attrs={"class": "form-radio"}),
            "process_quality": forms.RadioSelect(
                choices=RATING_CHOICES, attrs={"class": "form-radio"}
            ),
            "consultant_quality": forms.RadioSelect(
                choices=RATING_CHOICES, attrs={"class": "form-radio"}
            ),
            "recommend": forms.RadioSelect(choices=RATING_CHOICES, attrs={"class": "form-radio"}),
            "comment": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "purpose_met": _("1 is not at all, 5 is fully."),
        }


class RetrospectiveForm(BoundedForm):
    start = forms.CharField(label=_("Start doing"), widget=forms.Textarea(attrs={"rows": 2}))
    stop = forms.CharField(label=_("Stop doing"), widget=forms.Textarea(attrs={"rows": 2}))
    keep = forms.CharField(label=_("Continue doing"), widget=forms.Textarea(attrs={"rows": 2}))


class CaseForm(BoundedForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        help_text=_("Anonymised: no names of citizens or employees."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    methods_used = forms.CharField(
        label=_("Methods used"), widget=forms.Textarea(attrs={"rows": 2})
    )
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 3}))


class ProfileForm(BoundedModelForm):
    competences = forms.MultipleChoiceField(
        label=_("Competences"),
        choices=Competence.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
    )

    class Meta:
        model = ConsultantProfile
        fields = [
            "unit",
            "competences",
            "tags",
            "methods",
            "capacity_hours",
            "corps_from",
            "corps_to",
            "cross_municipality",
        ]
        widgets = {
            "corps_from": DATE,
            "corps_to": DATE,
            "methods": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"tags": _("Separate with commas.")}

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        if self.instance.pk:
            self.initial["competences"] = self.instance.competence_list


class BoardFilterForm(BoundedForm):
    municipality: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=None,
        required=False,
        empty_label=_("All"),  # type: ignore[arg-type]
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    task_type = forms.ChoiceField(label=_("Type"), required=False)
    consultant = forms.CharField(
        label=_("Consultant"),
        required=False,
        max_length=100,
        help_text=_("Part of the name or e-mail address."),
    )
    period_from = forms.DateField(label=_("Period from"), required=False, widget=DATE)
    period_to = forms.DateField(label=_("Period to"), required=False, widget=DATE)

    def __init__(self, *args: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities  # type: ignore[attr-defined]
        self.fields["status"].choices = [("", _("All")), *TaskStatus.choices]  # type: ignore[attr-defined]
        self.fields["task_type"].choices = [("", _("All")), *TaskType.choices]  # type: ignore[attr-defined]


class MonthForm(BoundedForm):
    maaned = forms.RegexField(
        label=_("Month"),
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        required=False,
        widget=forms.DateInput(attrs={"type": "month"}),
        error_messages={"invalid": _("Write the month as YYYY-MM.")},
    )

    def month(self, default: Any) -> Any:
        from datetime import date

        if self.is_valid() and self.cleaned_data["maaned"]:
            year, month = self.cleaned_data["maaned"].split("-")
            return date(int(year), int(month), 1)
        return default


class ConsultantFilterForm(MonthForm):
    navn = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=100,
        help_text=_("Part of the consultant's name."),
    )

    def name(self) -> str:
        return str(self.cleaned_data.get("navn") or "") if self.is_valid() else ""


class HoursFilterForm(MonthForm):
    konsulent = forms.UUIDField(required=False, widget=forms.HiddenInput)
    opgave = forms.UUIDField(required=False, widget=forms.HiddenInput)


class ApproveMonthForm(MonthForm):
    konsulent = forms.UUIDField()
    kommune = forms.UUIDField()
    maaned = forms.RegexField(regex=r"^\d{4}-(0[1-9]|1[0-2])$")


class CaseSearchForm(BoundedForm):
    q = forms.CharField(label=_("Search the cases"), required=False, max_length=200)

# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from procesvaerk.core.bounded_forms import BoundedForm, BoundedModelForm
from procesvaerk.core.models import Unit
from procesvaerk.tasks.models import ProcessTask, TaskAgreement, TaskSize, TaskStatus, TaskType

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TaskRequestForm(BoundedForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    background = forms.CharField(label=_("Background"), widget=forms.Textarea(attrs={"rows": 4}))
    desired_outcome = forms.CharField(
        label=_("Desired outcome"), widget=forms.Textarea(attrs={"rows": 3})
    )
    core_task = forms.CharField(
        label=_("Core task it serves"),
        required=False,
        help_text=_("Leave empty to use the unit's core task."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    task_types = forms.MultipleChoiceField(
        label=_("Type of help"),
        choices=TaskType.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
    )
    kle_code = forms.CharField(
        label=_("KLE code"),
        required=False,
        max_length=8,
        help_text=_("For example 27.24.10"),
    )
    period_start = forms.DateField(label=_("Desired start"), widget=DATE)
    period_end = forms.DateField(label=_("Desired end"), widget=DATE)
    size = forms.ChoiceField(label=_("Rough size"), choices=TaskSize.choices)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["kle_code"].validators = ProcessTask._meta.get_field("kle_code").validators


class TaskRequestEditForm(TaskRequestForm):
    """The request without its unit, which decides the owner and the leader."""

    def __init__(self, *args: Any, task: ProcessTask, **kwargs: Any) -> None:
        super().__init__(*args, units=Unit.objects.none(), **kwargs)
        del self.fields["unit"]
        for name in self.fields:  # the request as it stands
            self.initial[name] = getattr(task, name)
        self.initial["task_types"] = task.task_types.split(",") if task.task_types else []


class AgreementForm(BoundedModelForm):
    class Meta:
        model = TaskAgreement
        fields = ["purpose", "scope", "success_criteria", "roles", "timeline"]
        widgets = {f: forms.Textarea(attrs={"rows": 3}) for f in fields}


class TransitionForm(BoundedForm):
    to_status = forms.ChoiceField(label=_("New status"), choices=TaskStatus.choices)
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        help_text=_("Required when the task is rejected or cancelled."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, allowed: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(TaskStatus.choices)
        self.fields["to_status"].choices = [(s, labels[s]) for s in allowed]  # type: ignore[attr-defined]

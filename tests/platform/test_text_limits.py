# SPDX-License-Identifier: MPL-2.0
"""Every free-text field has a maximum length with a Danish message, and the browser
is told (maxlength), so a pasted novel is refused before it is stored."""

from __future__ import annotations

import importlib
import inspect

import pytest
from django import forms
from django.apps import apps

from procesvaerk.core.bounded_forms import TEXT_LIMIT, BoundedForm, BoundedModelForm
from procesvaerk.tasks.models import ProcessTask


def site_form_classes() -> list[type]:
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("procesvaerk."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


def test_every_form_of_the_site_bounds_its_text():
    classes = site_form_classes()
    assert len(classes) > 25
    # Django's own login form keeps its fields (they have limits of their own).
    unbounded = [
        c.__name__
        for c in classes
        if not issubclass(c, BoundedForm | BoundedModelForm)
        and c.__name__ != "EmailAuthenticationForm"
    ]
    assert unbounded == []


@pytest.mark.django_db
def test_an_overlong_background_is_refused_in_danish(client, world):
    client.force_login(world.helsingor_leader)
    page = client.get("/korps/opgaver/ny/").content.decode()
    assert f'maxlength="{TEXT_LIMIT}"' in page
    response = client.post(
        "/korps/opgaver/ny/",
        {"title": "Lang", "unit": world.helsingor_unit.pk, "background": "x" * (TEXT_LIMIT + 1)},
    )
    assert response.status_code == 200
    assert f"Denne værdi må højst have {TEXT_LIMIT} tegn (den har {TEXT_LIMIT + 1})" in (
        response.content.decode()
    )
    assert not ProcessTask.objects.exists()

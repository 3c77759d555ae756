# SPDX-License-Identifier: MPL-2.0
"""run_service: a refused write shows its message and reports that it did not run."""

from __future__ import annotations

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from procesvaerk.core.service_calls import run_service


def _request():
    request = RequestFactory().post("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _refuse():
    raise ValidationError("Opgaven kan ikke gå fra “Anmodet” til “Leveret”.")


def test_success_returns_the_value_and_is_true():
    ok, value = run_service(_request(), lambda: [])
    assert ok is True and value == []
    assert run_service(_request(), lambda: None)  # truthy even when the service returns None


def test_refusal_becomes_a_message_without_a_form():
    request = _request()
    result = run_service(request, _refuse)
    assert not result and result.value is None
    assert [str(m) for m in get_messages(request)] == [
        "Opgaven kan ikke gå fra “Anmodet” til “Leveret”."
    ]


def test_refusal_lands_on_the_form_when_there_is_one():
    request = _request()
    form = forms.Form(data={})
    form.is_valid()
    ok, _value = run_service(request, _refuse, form)
    assert not ok
    assert form.non_field_errors() == ["Opgaven kan ikke gå fra “Anmodet” til “Leveret”."]
    assert list(get_messages(request)) == []


class _TitleForm(forms.Form):
    title = forms.CharField()


def test_field_errors_stay_on_their_fields():
    request = _request()
    form = _TitleForm(data={"title": "x"})
    form.is_valid()

    def refuse():
        raise ValidationError({"title": ["For kort."], "plan": ["Mangler."]})

    assert not run_service(request, refuse, form)
    assert form.errors["title"] == ["For kort."]
    assert form.non_field_errors() == ["Mangler."]  # a field the form does not show

# SPDX-License-Identifier: MPL-2.0
"""Default deny, proven over the whole URL conf: every route that takes a ``code`` is
found from the URL patterns (a new route is covered without editing this test),
filled with a real Helsingør object of the right kind, and visited by an outsider."""

from __future__ import annotations

import io
import uuid

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import Model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from procesvaerk.accounts.models import User
from procesvaerk.core.models import Job

# Routes that are public on purpose; a new one must be added here knowingly.
PUBLIC = {
    "accounts:login",
    "accounts:set_language",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "core:accessibility",
    "programmes:cohort_feed",
    "programmes:personal_feed",
}


def _routes(resolver: URLResolver, namespace: str = "", prefix: str = "") -> list[tuple]:
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += _routes(entry, ns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            found.append((namespace + entry.name, prefix + str(entry.pattern), entry))
    return found


def site_routes() -> list[tuple]:
    return [r for r in _routes(get_resolver()) if not r[0].startswith("admin:")]


def coded_models() -> dict[str, type[Model]]:
    """Our models with a public code, by lower-case name (for matching route parameters)."""
    found = {}
    for model in apps.get_models():
        if model.__module__.startswith("procesvaerk.") and any(
            f.name == "code" for f in model._meta.get_fields()
        ):
            found[model._meta.model_name] = model
    return found


# A route parameter named after an object (``activity``, ``submission``...) is that
# model; ``code`` is the first object the path names (``hold/<code>`` is a cohort).
PATH_WORDS = {
    "opgaver": "processtask",
    "hold": "cohort",
    "forloeb": "programme",
    "indsats": "engagement",
    "timer": "timeentry",
    "organisation": "unit",
    "cases": "case",
    "jobs": "job",
    "udtraek": "user",
}


def _model_for(route: str, param: str, models: dict[str, type[Model]]) -> type[Model] | None:
    if param in models:
        return models[param]
    if param == "code":
        for word in route.strip("^").split("/"):
            if word in PATH_WORDS:
                return models.get(PATH_WORDS[word])
    if param == "item":
        return models.get("planitem")
    return None


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker):
    """The demo, plus a job started by a Helsingør coordinator (the demo runs none)."""
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())
        starter = User.objects.get(email="koordinator@helsingor.demo")
        Job.objects.create(kind="core.selftest", started_by=starter, state="failed", error="x")
        yield
        call_command("flush", "--no-input", verbosity=0)


def _helsingor_object(model: type[Model]) -> Model | None:
    query = model.objects.all()
    names = {f.name for f in model._meta.get_fields()}
    paths = (
        "municipality__name",
        "cohort__municipality__name",
        "programme__municipality__name",
        "task__municipality__name",
        "to_municipality__name",
        "participant__cohort__municipality__name",
        "started_by__memberships__municipality__name",
        "memberships__municipality__name",
    )
    for path in paths:
        root = path.split("__")[0]
        if root in names:
            return query.filter(**{path: "Helsingør"}).order_by("pk").first()
    return query.order_by("pk").first()


def _parent_of(obj: Model, parent: type[Model], depth: int = 3) -> Model | None:
    """The ``parent`` object that ``obj`` hangs on, by its foreign keys (a submission's
    cohort), so that a route with two codes names two objects that belong together."""
    if isinstance(obj, parent):
        return obj
    if depth == 0:
        return None
    for field in obj._meta.concrete_fields:
        if (field.is_relation and field.many_to_one) or field.one_to_one:
            target = getattr(obj, field.name, None)
            found = _parent_of(target, parent, depth - 1) if target is not None else None
            if found is not None:
                return found
    return None


def _people_named_by(obj: Model, depth: int = 2) -> list[User]:
    """The people an object points at (its consultant, leader, author...)."""
    if isinstance(obj, User):
        return [obj]
    if depth == 0:
        return []
    people: list[User] = []
    for field in obj._meta.concrete_fields:
        if field.is_relation and (field.many_to_one or field.one_to_one):
            target = getattr(obj, field.name, None)
            if target is not None:
                people += _people_named_by(target, depth - 1)
    return people


def coded_routes() -> list[tuple]:
    return [r for r in site_routes() if "<uuid:" in r[1] and r[0] not in PUBLIC]


def _route_objects(name: str, route: str, pattern) -> dict[str, Model]:
    """One real Helsingør object per parameter: the innermost first, its parents from it."""
    models = coded_models()
    params = list(pattern.pattern.converters.keys())
    objects: dict[str, Model] = {}
    for param in reversed(params):  # the last parameter is the innermost object
        model = _model_for(route, param, models)
        assert model is not None, (name, param)
        inner = next(iter(objects.values()), None)
        obj = _parent_of(inner, model) if inner is not None else _helsingor_object(model)
        assert obj is not None, (name, param)
        objects[param] = obj
    return objects


@pytest.mark.parametrize("name,route,pattern", coded_routes(), ids=[r[0] for r in coded_routes()])
def test_outsiders_get_404_and_anonymous_visitors_the_login(demo_db, name, route, pattern):
    objects = _route_objects(name, route, pattern)
    url = reverse(name, kwargs={param: obj.code for param, obj in objects.items()})
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/konto/log-ind/" in anonymous["Location"], url
    # The control: the same address finds a real object for someone who may see it (the
    # superuser, or Helsingør's coordinator where an action needs a municipality of one's own).
    # Owner-only pages (a consultant's own hours) count their owner among the insiders.
    insiders = [User.objects.get(email=e) for e in ("admin@procesvaerk.demo",
                                                    "koordinator@helsingor.demo")]  # fmt: skip
    insiders += _people_named_by(next(iter(objects.values())))
    found = []
    for insider in insiders:
        client = Client()
        client.force_login(insider)
        found.append(client.get(url).status_code != 404)
    assert any(found), ("no insider finds it", url)
    for email in ("koordinator@holbaek.demo", "ingen.rolle@sweep.test"):
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email=email, full_name="Ingen Rolle", password="x-not-used-1"
        )
        client = Client()
        client.force_login(user)
        # A GET on a POST-only route answers 405 before any lookup: it tells nothing.
        assert client.get(url).status_code in (404, 405), (email, "get", url)
        response = client.post(url)
        assert response.status_code == 404, (email, "post", url, response.status_code)


# The JSON API authenticates each request itself (session or bearer token) and answers
# 401 in JSON, so its routes pass the login middleware; only these need no credentials.
API_PUBLIC = {"api:api-root", "api:openapi-json", "api:openapi-view"}


def test_every_public_route_is_listed_on_purpose():
    """A view is public only by ``login_not_required``; this list must match."""
    public = set()
    for name, _route, pattern in site_routes():
        if name.startswith("api:"):
            continue
        view = pattern.callback
        if not getattr(view, "login_required", True):
            public.add(name)
    assert public == PUBLIC


@pytest.mark.django_db
def test_every_api_route_asks_anonymous_callers_for_credentials():
    for name, route, _pattern in site_routes():
        if not name.startswith("api:") or name in API_PUBLIC:
            continue
        path = "/" + route.replace("<code>", str(uuid.uuid4())).replace("^", "")
        response = Client().get(path)
        assert response.status_code in (401, 405), (name, path, response.status_code)
        if response.status_code == 401:
            assert "detail" in response.json()

# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from procesvaerk.core import access
from procesvaerk.core.models import Unit, Visibility


def test_visible_keeps_own_municipality_only_for_private(world):
    visible = set(access.visible(Unit.objects.all(), world.helsingor_coordinator))
    assert visible == {world.helsingor_unit}


def test_cooperation_visibility_reaches_members_not_holbaek(world):
    world.hillerod_unit.visibility = Visibility.COOPERATION
    world.hillerod_unit.save()
    assert world.hillerod_unit in access.visible(Unit.objects.all(), world.helsingor_coordinator)
    assert world.hillerod_unit not in access.visible(Unit.objects.all(), world.holbaek_coordinator)


def test_public_visibility_reaches_everyone(world):
    world.holbaek_unit.visibility = Visibility.PUBLIC
    world.holbaek_unit.save()
    assert world.holbaek_unit in access.visible(Unit.objects.all(), world.outsider)


def test_get_visible_or_404_hides_other_municipality(world):
    with pytest.raises(Http404):
        access.get_visible_or_404(
            Unit.objects.all(), world.holbaek_coordinator, code=world.helsingor_unit.code
        )


def test_get_writable_needs_role_in_owner(world):
    unit = access.get_writable_or_404(
        Unit.objects.all(),
        world.helsingor_coordinator,
        roles=["coordinator"],
        code=world.helsingor_unit.code,
    )
    assert unit == world.helsingor_unit
    with pytest.raises(PermissionDenied):
        access.get_writable_or_404(
            Unit.objects.all(),
            world.helsingor_leader,
            roles=["coordinator"],
            code=world.helsingor_unit.code,
        )


def test_unit_page_is_404_for_other_municipality_and_leaks_nothing(client, world):
    client.force_login(world.holbaek_coordinator)
    response = client.get(reverse("core:unit_detail", args=[world.helsingor_unit.code]))
    assert response.status_code == 404
    assert "Hjemmeplejen" not in response.content.decode()
    assert "Pleje i hjemmet" not in response.content.decode()


def test_unit_page_is_shown_in_own_municipality(client, world):
    client.force_login(world.helsingor_leader)
    response = client.get(reverse("core:unit_detail", args=[world.helsingor_unit.code]))
    assert response.status_code == 200
    assert "Pleje i hjemmet" in response.content.decode()


def test_organisation_lists_only_own_units(client, world):
    client.force_login(world.hillerod_consultant)
    page = client.get(reverse("core:unit_list")).content.decode()
    assert "Visitationen" in page
    assert "Hjemmeplejen" not in page and "Byggesag" not in page


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(reverse("core:unit_detail", args=[world.helsingor_unit.code]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_roles_are_per_municipality(world):
    assert access.has_role(world.helsingor_coordinator, world.helsingor, "coordinator")
    assert not access.has_role(world.helsingor_coordinator, world.hillerod, "coordinator")
    assert access.municipality_ids(world.helsingor_coordinator, ["instructor"]) == {
        world.helsingor.pk
    }

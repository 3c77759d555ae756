# SPDX-License-Identifier: MPL-2.0
"""A cohort from template to grade, in Danish, axe-clean on every page."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

import pytest

from procesvaerk.accounts.roles import Role
from procesvaerk.programmes.models import ActivityKind, Cohort, Programme, Submission
from tests.browser.conftest import assert_no_axe_violations, open_menu
from tests.browser.test_corps_flow import sign_in, sign_out
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
START = date.today() - timedelta(days=200)


def test_cohort_from_template_groups_action_reflection_and_censor_grade(
    page, world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    programme = Programme.objects.create(
        municipality=world.helsingor, name="Proceskonsulentuddannelsen", visibility="cooperation"
    )
    for order, (kind, title, offset) in enumerate(
        [
            (ActivityKind.KICKOFF, "Kick-off", 0),
            (ActivityKind.ACTION, "Aktion 1", 21),
            (ActivityKind.EXAM, "Eksamen", 90),
        ]
    ):
        programme.plan.create(
            order=order,
            kind=kind,
            title=title,
            offset_days=offset,
            start_time=time(9),
            duration_hours=Decimal(3),
        )
    make_user("anna@helsingor.test", "Anna Andersen", (world.helsingor, Role.VIEWER))
    make_user("bo@hillerod.test", "Bo Berg", (world.hillerod, Role.CONSULTANT))
    make_user("ib@helsingor.test", "Ib Iversen", (world.helsingor, Role.VIEWER))

    # The coordinator creates a cohort from the template.
    sign_in(page, "koordinator@helsingor.test")
    open_menu(page, "Uddannelse", "Uddannelse")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Proceskonsulentuddannelsen").click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Opret et hold ud fra denne skabelon").click()
    page.get_by_label("Navn").fill("Hold 2027")
    # In the past, so the exam has been held and grading is open.
    page.get_by_label("Startdato").fill(str(START))
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Opret hold").click()
    page.get_by_role("heading", name="Hold 2027").wait_for()
    assert page.get_by_role("link", name="Aktion 1").is_visible()

    # ... adds three participants from two municipalities and composes groups.
    for label in ("Anna Andersen (Helsingør)", "Bo Berg (Hillerød)", "Ib Iversen (Helsingør)"):
        page.get_by_label("Person").select_option(label=label)
        page.get_by_role("button", name="Tilføj").first.click()
        page.get_by_text(f"{label.split(' (')[0]} er tilføjet.").wait_for()
    page.get_by_label("Gruppestørrelse").fill("3")
    page.get_by_role("button", name="Sammensæt grupper").click()
    page.get_by_text("Læringsgrupperne er sammensat.").wait_for()
    assert_no_axe_violations(page)
    cohort = Cohort.objects.get(name="Hold 2027")
    assert (
        cohort.groups.count() == 1 and cohort.participants.filter(group__isnull=True).count() == 0
    )
    sign_out(page)

    # A participant plans and records an action, writes a reflection, hands in.
    sign_in(page, "anna@helsingor.test")
    page.goto(f"/uddannelse/hold/{cohort.code}/mit/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Planlæg en aktion").click()
    page.get_by_label("Titel").fill("Interview i Hjemmeplejen")
    page.get_by_label("Hvad du vil gøre").fill("Tre interviews om morgenvagten")
    page.get_by_label("Efter hvilket modul").select_option(label="Aktion 1")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Gem").click()
    page.get_by_text("Aktionen er planlagt.").wait_for()
    page.get_by_role("link", name="Skriv hvad der skete").click()
    page.get_by_label("Gennemført den").fill(str(START + timedelta(days=24)))
    page.get_by_label("Hvad skete der").fill("Morgenvagten venter på visitationen.")
    page.get_by_label("Hvad du lærte").fill("At spørge til tidsforbruget.")
    page.get_by_role("button", name="Gem").click()
    page.get_by_text("Aktionen er registreret.").wait_for()
    page.get_by_role("link", name="Skriv en refleksion").click()
    page.get_by_label("Refleksion", exact=True).fill("Jeg lyttede bedre end sidst.")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Gem").click()
    page.get_by_text("Refleksionen er gemt.").wait_for()
    page.get_by_label("Afsluttende opgave (PDF eller DOCX, højst 20 MB)").set_input_files(
        files=[{"name": "opgave.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Aflevér").click()
    page.get_by_text("Din opgave er afleveret.").wait_for()
    assert_no_axe_violations(page)
    sign_out(page)

    # The coordinator assigns the censor.
    sign_in(page, "koordinator@helsingor.test")
    page.goto(f"/uddannelse/hold/{cohort.code}/eksamen/")
    page.get_by_label("Censor").select_option(label="Carl Censor")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Tildel").click()
    page.get_by_text("Gemt.").wait_for()
    sign_out(page)

    # The censor grades the one assignment they can see.
    sign_in(page, "censor@eksamen.test")
    page.goto(f"/uddannelse/hold/{cohort.code}/eksamen/")
    assert page.get_by_role("heading", name="Anna Andersen").is_visible()
    page.get_by_label("Karakter", exact=True).select_option(label="10")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Gem karakter").click()
    page.get_by_text("Karakteren er gemt.").wait_for()
    assert Submission.objects.get().grade == 10

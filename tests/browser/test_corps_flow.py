# SPDX-License-Identifier: MPL-2.0
"""A task from request to evaluation, in Danish, axe-clean on every page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from procesvaerk.corps import services
from procesvaerk.tasks.models import ProcessTask
from tests.browser.conftest import assert_no_axe_violations, open_menu
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, email):
    page.goto("/konto/log-ind/")
    page.get_by_label("E-mailadresse").fill(email)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("heading", name="Mit overblik").wait_for()


def sign_out(page):
    page.get_by_role("button", name="Log ud").click()
    page.get_by_role("heading", name="Log ind").wait_for()


def change_status(page, label):
    page.get_by_label("Ny status").select_option(label=label)
    page.get_by_role("button", name="Skift status").click()
    page.get_by_text("Status er ændret.").wait_for()
    assert_no_axe_violations(page)


def test_leader_requests_coordinator_scopes_and_assigns_consultant_works_leader_evaluates(
    page, world
):
    today = timezone.localdate()
    kim = world.hillerod_consultant
    services.profile_save(
        actor=kim,
        user=kim,
        municipality=world.hillerod,
        unit=world.hillerod_unit,
        competences=["facilitation", "process_analysis"],
        tags="tavlemøder",
        methods="Procesworkshop",
        capacity_hours=20,
        corps_from=today - timedelta(days=100),
        corps_to=today + timedelta(days=300),
        cross_municipality=True,
    )

    # The leader asks for help.
    sign_in(page, "leder@helsingor.test")
    open_menu(page, "Korps", "Bed om hjælp")
    page.get_by_role("heading", name="Bed proceskonsulentkorpset om hjælp").wait_for()
    assert_no_axe_violations(page)
    page.get_by_label("Titel").fill("Bedre overlevering i hjemmeplejen")
    page.get_by_label("Enhed").select_option(label="Hjemmeplejen")
    page.get_by_label("Baggrund").fill("Overleveringen mellem vagter tager for lang tid.")
    page.get_by_label("Ønsket resultat").fill("En kortere og sikrere overlevering.")
    page.get_by_text("Facilitering", exact=True).click()  # DKFDS styles the label
    page.get_by_text("Kortlægning", exact=True).click()
    page.get_by_label("KLE-nummer").fill("27.2410")
    page.get_by_label("Ønsket start").fill((today - timedelta(days=10)).isoformat())
    page.get_by_label("Ønsket afslutning").fill((today + timedelta(days=80)).isoformat())
    page.get_by_label("Omtrentlig størrelse").select_option("medium")
    page.get_by_role("button", name="Send anmodningen").click()
    # The error summary at the top links to the field, which carries the message too.
    page.get_by_role("link", name="KLE-nummer: Skriv KLE-nummeret som ##.##.##.").click()
    page.locator("#id_kle_code_error").get_by_text("Skriv KLE-nummeret som ##.##.##.").wait_for()
    assert page.evaluate("location.hash") == "#id_kle_code"  # nothing saved
    assert ProcessTask.objects.count() == 0
    assert_no_axe_violations(page)
    page.get_by_label("KLE-nummer").fill("27.24.10")
    page.get_by_role("button", name="Send anmodningen").click()
    page.get_by_text("Tak. Koordinatoren kontakter dig.").wait_for()
    assert_no_axe_violations(page)
    task = ProcessTask.objects.get()
    task_url = f"/korps/opgaver/{task.code}/"
    sign_out(page)

    # The coordinator scopes the task and writes the agreement.
    sign_in(page, "koordinator@helsingor.test")
    open_menu(page, "Korps", "Opgavetavle")
    page.get_by_role("heading", name="Opgavetavle").wait_for()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Bedre overlevering i hjemmeplejen").click()
    assert_no_axe_violations(page)
    change_status(page, "For-proces")
    page.get_by_role("link", name="Skriv procesaftalen").click()
    assert_no_axe_violations(page)
    page.get_by_label("Formål").fill("Kortere overlevering")
    page.get_by_label("Afgrænsning").fill("Dag- og aftenvagt")
    page.get_by_label("Succeskriterier").fill("Under 15 minutter")
    page.get_by_label("Roller").fill("Lederen ejer, konsulenten faciliterer")
    page.get_by_label("Tidsplan").fill("Tre workshops")
    page.get_by_role("button", name="Gem procesaftalen").click()
    page.get_by_text("Procesaftalen er gemt.").wait_for()
    sign_out(page)

    # The leader signs off the agreement.
    sign_in(page, "leder@helsingor.test")
    page.goto(task_url)
    page.get_by_role("button", name="Godkend procesaftalen").click()
    page.get_by_text("Du har godkendt procesaftalen.").wait_for()
    assert_no_axe_violations(page)
    sign_out(page)

    # The coordinator agrees the task, sees suggestions and assigns Kim.
    sign_in(page, "koordinator@helsingor.test")
    page.goto(task_url)
    change_status(page, "Aftalt")
    page.get_by_role("link", name="Find konsulenter").click()
    page.get_by_role("heading", name="Forslag til konsulenter").wait_for()
    assert page.get_by_text("Kommer fra Hillerød i samarbejdet.").is_visible()
    assert page.get_by_text("Har 2 af de 2 kompetencer, opgaven kræver.").is_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Tildel Kim Konsulent").click()
    page.get_by_text("Kim Konsulent er blevet spurgt om at tage opgaven.").wait_for()
    sign_out(page)

    # Kim accepts from the notification and registers hours.
    sign_in(page, "konsulent@hillerod.test")
    open_menu(page, "Overblik", "Notifikationer")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Du bliver spurgt, om du vil tage opgaven", exact=False).click()
    page.get_by_role("button", name="Sig ja til opgaven").click()
    page.get_by_text("Du har sagt ja til opgaven.").wait_for()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Registrér timer").click()
    page.get_by_label("Timer", exact=True).fill("3.5")
    page.get_by_role("button", name="Registrér timerne").click()
    page.get_by_text("Timerne er registreret.").wait_for()
    assert page.get_by_role("cell", name="3,5").is_visible()
    assert_no_axe_violations(page)
    open_menu(page, "Korps", "Min konsulentprofil")
    page.get_by_role("heading", name="Min konsulentprofil").wait_for()
    assert_no_axe_violations(page)
    sign_out(page)

    # The coordinator starts and delivers the task; the lending page counts Kim's hours.
    sign_in(page, "koordinator@helsingor.test")
    page.goto(task_url)
    change_status(page, "I gang")
    change_status(page, "Leveret")
    open_menu(page, "Korps", "Udlån")
    page.get_by_role("heading", name="Udlån mellem kommuner").wait_for()
    cells = page.locator("tbody tr", has_text="Hillerød").locator("th, td").all_inner_texts()
    # lent, of which approved (none yet), borrowed, of which approved, balance
    assert cells == ["Hillerød", "3,5", "0", "0", "0", "3,5"]
    assert_no_axe_violations(page)
    open_menu(page, "Korps", "Konsulenter")
    page.get_by_role("heading", name="Konsulenter").wait_for()
    assert page.get_by_role("cell", name="Kim Konsulent", exact=True).is_visible()
    assert_no_axe_violations(page)
    open_menu(page, "Korps", "Cases")
    assert_no_axe_violations(page)
    sign_out(page)

    # The leader evaluates.
    sign_in(page, "leder@helsingor.test")
    page.goto(task_url)
    page.get_by_role("link", name="Evaluér hjælpen").click()
    assert_no_axe_violations(page)
    for question in (
        "Hjælpen indfriede det aftalte formål",
        "Processen var godt planlagt og gennemført",
        "Konsulenterne faciliterede godt",
        "Jeg vil bede korpset om hjælp igen",
    ):
        page.get_by_role("group", name=question).get_by_label("5", exact=True).check()
    page.get_by_label("Kommentar").fill("Tak for en god proces.")
    page.get_by_role("button", name="Send evalueringen").click()
    page.get_by_text("Tak for din evaluering.").wait_for()
    assert page.get_by_text("Evalueret", exact=True).first.is_visible()
    assert_no_axe_violations(page)
    task.refresh_from_db()
    assert task.status == "evaluated"
    assert task.evaluation.recommend == 5

# SPDX-License-Identifier: MPL-2.0
"""Reads for the corps pages; every owned object is loaded through core.access."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import ExtractMonth, ExtractYear

from procesvaerk.accounts.roles import Role
from procesvaerk.core import access
from procesvaerk.core.models import Municipality
from procesvaerk.corps import matching
from procesvaerk.corps.models import (
    TYPE_COMPETENCES,
    Case,
    Competence,
    ConsultantProfile,
    Engagement,
    EngagementStatus,
    HoursApproval,
    TimeEntry,
)
from procesvaerk.tasks.access import involved_q, tasks_visible_to
from procesvaerk.tasks.models import ProcessTask, TaskStatus

if TYPE_CHECKING:
    from procesvaerk.accounts.models import User

LIVE_STATUSES = (TaskStatus.SCOPING, TaskStatus.AGREED, TaskStatus.IN_PROGRESS)
BOARD_COLUMN_SIZE = 50


def my_tasks(user: User) -> QuerySet[ProcessTask]:
    return (
        tasks_visible_to(user)
        .filter(involved_q(user))
        .select_related("municipality", "unit")
        .order_by("-created_at")
    )


def board(user: User, filters: dict[str, Any]) -> list[dict[str, Any]]:
    """Tasks by status for a coordinator: a count and the newest
    ``BOARD_COLUMN_SIZE`` per status, in a fixed number of queries."""
    tasks = access.visible(ProcessTask.objects.all(), user)
    if filters.get("municipality"):
        tasks = tasks.filter(municipality=filters["municipality"])
    if filters.get("task_type"):
        tasks = tasks.filter(task_types__contains=filters["task_type"])
    if filters.get("consultant"):
        who = filters["consultant"]
        tasks = tasks.filter(
            pk__in=Engagement.objects.filter(
                Q(consultant__full_name__icontains=who) | Q(consultant__email__icontains=who)
            ).values("task_id")
        )
    if filters.get("period_from"):
        tasks = tasks.filter(period_end__gte=filters["period_from"])
    if filters.get("period_to"):
        tasks = tasks.filter(period_start__lte=filters["period_to"])
    counts = dict(tasks.values_list("status").annotate(n=Count("pk")).order_by())
    wanted = filters.get("status")
    columns = []
    for value, label in TaskStatus.choices:
        if wanted and value != wanted:
            continue
        columns.append(
            {"status": value, "label": label, "count": counts.get(value, 0), "tasks": []}
        )
    # One query per non-empty column, each bounded; engagements in one more.
    all_tasks: list[ProcessTask] = []
    for column in columns:
        if column["count"]:
            rows = list(
                tasks.filter(status=column["status"])
                .select_related("municipality", "unit")
                .order_by("-created_at")[:BOARD_COLUMN_SIZE]
            )
            column["tasks"] = rows
            all_tasks.extend(rows)
    by_task: dict[int, list[str]] = defaultdict(list)
    for task_id, name in (
        Engagement.objects.filter(task__in=[t.pk for t in all_tasks])
        .exclude(status=EngagementStatus.DECLINED)
        .values_list("task_id", "consultant__full_name")
    ):
        by_task[task_id].append(name)
    for task in all_tasks:
        task.consultant_names = by_task.get(task.pk, [])  # type: ignore[attr-defined]
    return columns


def profiles_for_coordinator(user: User) -> QuerySet[ConsultantProfile]:
    """Profiles a coordinator sees: their municipalities', and cooperation-shared ones."""
    if not (user.is_superuser or access.has_any_role(user, Role.COORDINATOR)):
        return ConsultantProfile.objects.none()
    return access.visible(ConsultantProfile.objects.all(), user).select_related(
        "user", "municipality", "unit"
    )


def candidates_for(task: ProcessTask, user: User) -> list[matching.Candidate]:
    """The consultants a coordinator can see, as pure matching input (3 queries)."""
    profiles = list(
        profiles_for_coordinator(user)
        .exclude(user__in=task.engagements.values("consultant_id"))
        .select_related(None)
        .select_related("user", "municipality")
        .only(
            "user_id",
            "user__full_name",
            "municipality__name",
            "municipality__cooperation_id",
            "unit_id",
            "competences",
            "cross_municipality",
            "capacity_hours",
            "corps_from",
            "corps_to",
        )
    )
    user_ids = [p.user_id for p in profiles]
    booked: dict[int, float] = defaultdict(float)
    active: dict[int, int] = defaultdict(int)
    live = Engagement.objects.filter(
        consultant_id__in=user_ids,
        task__status__in=LIVE_STATUSES,
    ).exclude(status=EngagementStatus.DECLINED)
    for consultant_id, hours, start, end in live.values_list(
        "consultant_id", "planned_hours", "task__period_start", "task__period_end"
    ):
        active[consultant_id] += 1
        if start <= task.period_end and end >= task.period_start:
            booked[consultant_id] += float(hours)
    return [
        matching.Candidate(
            key=p.user_id,
            name=p.user.full_name,
            municipality_id=p.municipality_id,
            municipality_name=p.municipality.name,
            cooperation_id=p.municipality.cooperation_id,
            unit_id=p.unit_id,
            competences=frozenset(p.competence_list),
            cross_municipality=p.cross_municipality,
            capacity_per_month=float(p.capacity_hours),
            corps_from=p.corps_from,
            corps_to=p.corps_to,
            booked_hours=booked[p.user_id],
            active_engagements=active[p.user_id],
        )
        for p in profiles
    ]


def need_for(task: ProcessTask) -> matching.Need:
    needed: set[str] = set()
    for task_type in task.type_list:
        needed.update(TYPE_COMPETENCES.get(task_type, ()))
    return matching.Need(
        municipality_id=task.municipality_id,
        cooperation_id=task.municipality.cooperation_id,
        unit_id=task.unit_id,
        competences=frozenset(needed),
        period_start=task.period_start,
        period_end=task.period_end,
        hours=float(task.estimated_hours),
        competence_labels={code: str(label) for code, label in Competence.choices},
    )


def suggestions_for(task: ProcessTask, user: User, limit: int = 20) -> list[matching.Suggestion]:
    return matching.rank(need_for(task), candidates_for(task, user), limit=limit)


def engagement_answers(task: ProcessTask) -> QuerySet[Engagement]:
    """The consultants already asked on the task, with their answer and comment."""
    return task.engagements.select_related("consultant", "home_municipality").order_by("created_at")


@dataclass
class CapacityRow:
    profile: ConsultantProfile
    capacity: int
    planned: float
    registered: float

    @property
    def over_capacity(self) -> bool:
        """Booked (planned) over the month's capacity."""
        return self.planned > self.capacity


def capacity_overview(user: User, month: date, name: str = "") -> list[CapacityRow]:
    """Per consultant: capacity this month against planned and registered hours;
    ``name`` narrows to consultants whose name contains it.

    Planned hours of an engagement are spread evenly over the task's months."""
    profiles_qs = profiles_for_coordinator(user)
    if name.strip():
        profiles_qs = profiles_qs.filter(user__full_name__icontains=name.strip())
    profiles = list(profiles_qs)
    ids = [p.user_id for p in profiles]
    first = month.replace(day=1)
    last = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    planned: dict[int, float] = defaultdict(float)
    for consultant_id, hours, start, end in (
        Engagement.objects.filter(
            consultant_id__in=ids,
            status=EngagementStatus.ACCEPTED,
            task__period_start__lt=last,
            task__period_end__gte=first,
        )
        .exclude(task__status__in=(TaskStatus.CANCELLED, TaskStatus.REJECTED))
        .values_list("consultant_id", "planned_hours", "task__period_start", "task__period_end")
    ):
        months = max(matching.months_between(start, end), 1.0)
        planned[consultant_id] += float(hours) / months
    registered = dict(
        TimeEntry.objects.filter(engagement__consultant_id__in=ids, date__gte=first, date__lt=last)
        .values_list("engagement__consultant_id")
        .annotate(total=Sum("hours"))
        .order_by()
    )
    return [
        CapacityRow(
            profile=p,
            capacity=p.capacity_hours,
            planned=round(planned[p.user_id], 1),
            registered=float(registered.get(p.user_id, 0)),
        )
        for p in profiles
    ]


@dataclass
class LedgerRow:
    municipality: Municipality
    lent: Decimal
    borrowed: Decimal
    lent_approved: Decimal = Decimal(0)
    borrowed_approved: Decimal = Decimal(0)

    @property
    def balance(self) -> Decimal:
        return self.lent - self.borrowed


def lending_ledger(user: User) -> list[dict[str, Any]]:
    """Per quarter and municipality of the user's cooperations: hours lent to,
    and borrowed from, other municipalities of the cooperation.

    Built from every registered entry, approved or not; beside each sum, how much of
    it the borrowing municipality's coordinator has approved (see docs/corps.md)."""
    coops = access.cooperation_ids(user)
    municipalities = list(Municipality.objects.filter(cooperation_id__in=coops))
    ids = [m.pk for m in municipalities]
    entries = (
        TimeEntry.objects.filter(from_municipality_id__in=ids, to_municipality_id__in=ids)
        .exclude(from_municipality_id=F("to_municipality_id"))
        .annotate(year=ExtractYear("date"), month=ExtractMonth("date"))
        .values_list(
            "year",
            "month",
            "from_municipality_id",
            "to_municipality_id",
            "engagement__consultant_id",
        )
        .annotate(total=Sum("hours"))
        .order_by()
    )
    approved = set(
        HoursApproval.objects.filter(municipality_id__in=ids).values_list(
            "consultant_id", "municipality_id", "year", "month"
        )
    )
    # [lent, borrowed, lent approved, borrowed approved] per quarter and municipality
    quarters: dict[tuple[int, int], dict[int, list[Decimal]]] = defaultdict(
        lambda: defaultdict(lambda: [Decimal(0)] * 4)
    )
    for year, month, lender, borrower, consultant, total in entries:
        sums = quarters[(year, (month - 1) // 3 + 1)]
        sums[lender][0] += total
        sums[borrower][1] += total
        if (consultant, borrower, year, month) in approved:
            sums[lender][2] += total
            sums[borrower][3] += total
    result = []
    for (year, quarter), sums in sorted(quarters.items(), reverse=True):
        rows = [LedgerRow(m, *sums[m.pk]) for m in municipalities if m.pk in sums]
        result.append({"year": year, "quarter": quarter, "rows": rows})
    return result


def case_search(user: User, query: str) -> QuerySet[Case]:
    """Published cases the user may read, searched in Danish on PostgreSQL
    (``danish`` text search configuration) and with icontains elsewhere."""
    cases = access.visible(Case.objects.filter(published_at__isnull=False), user).select_related(
        "municipality"
    )
    query = query.strip()
    if not query:
        return cases
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector("title", "summary", "methods_used", "outcome", config="danish")
        search = SearchQuery(query, config="danish", search_type="websearch")
        return (
            cases.annotate(document=vector, rank=SearchRank(vector, search))
            .filter(document=search)
            .order_by("-rank", "-published_at")
        )
    words = query.split()
    for word in words:
        cases = cases.filter(
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(methods_used__icontains=word)
            | Q(outcome__icontains=word)
        )
    return cases


# --- hours for the coordinator ------------------------------------------------


def hours_visible_to(user: User) -> QuerySet[TimeEntry]:
    """Entries a coordinator may read: on their municipalities' tasks, or by their
    municipalities' consultants lent out."""
    entries = TimeEntry.objects.all()
    if not user.is_superuser:
        mine = access.municipality_ids(user, [Role.COORDINATOR])
        entries = entries.filter(Q(to_municipality_id__in=mine) | Q(from_municipality_id__in=mine))
    return entries.select_related(
        "engagement__consultant", "engagement__task", "to_municipality", "from_municipality"
    )


def approved_keys(entries: QuerySet[TimeEntry]) -> set[tuple[int, int, int, int]]:
    """(consultant, municipality, year, month) of every approved month among ``entries``."""
    consultants = {e.engagement.consultant_id for e in entries}
    return set(
        HoursApproval.objects.filter(consultant_id__in=consultants).values_list(
            "consultant_id", "municipality_id", "year", "month"
        )
    )


def is_approved(entry: TimeEntry, keys: set[tuple[int, int, int, int]]) -> bool:
    return (
        entry.engagement.consultant_id,
        entry.to_municipality_id,
        entry.date.year,
        entry.date.month,
    ) in keys


@dataclass
class MonthToApprove:
    municipality: Municipality
    hours: Decimal
    approval: HoursApproval | None
    may_approve: bool


def months_to_approve(user: User, consultant: User, month: date) -> list[MonthToApprove]:
    """Per municipality the consultant worked for in ``month`` (among those the user
    sees): the hours, the approval if any, and whether the user may approve."""
    totals = (
        hours_visible_to(user)
        .filter(engagement__consultant=consultant, date__year=month.year, date__month=month.month)
        .values_list("to_municipality_id")
        .annotate(total=Sum("hours"))
        .order_by()
    )
    sums = dict(totals)
    municipalities = Municipality.objects.filter(pk__in=sums).order_by("name")
    approvals = {
        a.municipality_id: a
        for a in HoursApproval.objects.filter(
            consultant=consultant, year=month.year, month=month.month
        ).select_related("approved_by")
    }
    return [
        MonthToApprove(
            municipality=m,
            hours=sums[m.pk],
            approval=approvals.get(m.pk),
            may_approve=user.is_superuser or access.has_role(user, m, Role.COORDINATOR),
        )
        for m in municipalities
    ]

# SPDX-License-Identifier: MPL-2.0
"""iCalendar feeds that Outlook and other calendars can subscribe to."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.utils import timezone
from icalendar import Calendar, Event

from procesvaerk.programmes.models import Activity


def calendar_bytes(name: str, activities: Iterable[Activity]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Procesværk//procesvaerk//DA")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Copenhagen")
    for activity in activities:
        event = Event()
        event.add("uid", f"{activity.code}@procesvaerk")
        event.add("summary", f"{activity.title} ({activity.cohort.name})")
        if activity.spans_days:
            # A camp or internat: an all-day event over its days (DTEND is exclusive).
            event.add("dtstart", timezone.localtime(activity.starts_at).date())
            event.add("dtend", timezone.localtime(activity.ends_at).date() + timedelta(days=1))
        else:
            event.add("dtstart", activity.starts_at)
            event.add("dtend", activity.ends_at)
        event.add("dtstamp", activity.updated_at)
        if activity.location:
            event.add("location", activity.location)
        calendar.add_component(event)
    return calendar.to_ical()

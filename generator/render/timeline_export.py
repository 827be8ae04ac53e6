"""The timeline for other newsroom tools: Knight Lab TimelineJS JSON and an iCalendar file."""

from __future__ import annotations

import datetime as dt
from typing import Sequence

from ..core.memo import Memo
from ..core.models import Event

ICS_PRODID = "-//news-digest//timeline//ID"


def timeline_json(events: Sequence[Event], title: str, memo: Memo | None = None) -> dict:
    """Return the events in the Knight Lab TimelineJS JSON format (``memo``: see ``timeline_ics``)."""
    memo = memo if memo is not None else Memo()
    return {
        "title": {"text": {"headline": title, "text": ""}},
        "events": [memo.get(("timeline json", event.id), event, lambda: timeline_json_event(event))  # noqa: B023
                   for event in events],
    }


def timeline_json_event(event: Event) -> dict:
    """Return one TimelineJS event; month and day are left out at a lower precision."""
    parts = event.date.split("-")
    start = {"year": str(int(parts[0]))}
    for key, part in zip(("month", "day"), parts[1:]):
        start[key] = str(int(part))
    sources = "<br>".join(
        html_text(f"{source.outlet} — {source.title}" if source.outlet else source.title)
        for source in event.sources)
    return {"start_date": start, "text": {"headline": html_text(event.summary), "text": sources},
            "group": event.kind, "unique_id": event.id}


def html_text(text: str) -> str:
    """Escape text for the HTML fields of TimelineJS."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def timeline_ics(events: Sequence[Event], memo: Memo | None = None) -> str:
    """Return an iCalendar (RFC 5545) file with one all-day event per day-precision event.

    ``memo``, kept across the rebuilds of a preview, writes again only the events that changed.
    """
    memo = memo if memo is not None else Memo()
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{ICS_PRODID}", "CALSCALE:GREGORIAN"]
    body = [memo.get(("ics", event.id), event, lambda: ics_lines(ics_event(event)))  # noqa: B023
            for event in events if event.precision == "day"]
    return ics_lines(head) + "".join(body) + ics_lines(["END:VCALENDAR"])


def ics_lines(lines: Sequence[str]) -> str:
    """Fold and end each content line."""
    return "".join(fold(line) + "\r\n" for line in lines)


def ics_event(event: Event) -> list[str]:
    """Return the lines of one all-day VEVENT; its stamp is derived from the date, never the clock."""
    day = dt.date.fromisoformat(event.date)
    stamp = day.strftime("%Y%m%d") + "T000000Z"
    sources = "\n".join(f"{s.outlet}: {s.title}" if s.outlet else s.title for s in event.sources)
    return [
        "BEGIN:VEVENT",
        f"UID:{event.id}@news-digest",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
        f"DTEND;VALUE=DATE:{(day + dt.timedelta(days=1)).strftime('%Y%m%d')}",
        f"SUMMARY:{ics_text(event.summary)}",
        f"DESCRIPTION:{ics_text(sources)}",
        f"CATEGORIES:{ics_text(event.kind)}",
        "END:VEVENT",
    ]


def ics_text(text: str) -> str:
    """Escape a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold(line: str, limit: int = 75) -> str:
    """Fold a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size = " ", 1
        current += char
        size += width
    parts.append(current)
    return "\r\n".join(parts)

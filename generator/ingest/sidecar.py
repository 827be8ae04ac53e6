"""Editor sidecars (``seeds/<name>.yml``): validate them and apply their overrides."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from ..core.errors import SourceError
from ..core.models import EDITOR, Article, Diagnostic, EditorNote, Field
from ..core.yamlfile import line_of, load_yaml, unknown_field_message

TEXT_FIELDS = ("title", "outlet", "original_source", "author", "section", "dateline", "summary")
SIDECAR_FIELDS = TEXT_FIELDS + ("url", "published", "story_date", "language", "tags", "notes")
LANGUAGES = ("id", "en")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A news date outside these years is a typo; dates near year 1 or 9999 overflow date arithmetic.
YEARS = range(1800, 2201)


class Invalid(str):
    """Why a sidecar value was refused (a text value may itself start with any character)."""


OUT_OF_RANGE = Invalid(f"expected a date between {YEARS.start} and {YEARS.stop - 1}")


@dataclass(frozen=True)
class Sidecar:
    name: str
    overrides: tuple[tuple[str, object], ...] = ()
    notes: tuple[EditorNote, ...] = ()


def parse_sidecar(text: str, name: str) -> Sidecar:
    """Validate a sidecar; raise SourceError listing every problem in it."""
    data, problems = load_yaml(text, name)
    if problems:
        raise SourceError(*problems)
    if data is None:
        return Sidecar(name)
    if not isinstance(data, dict):
        raise SourceError(Diagnostic(name, "a sidecar must be a mapping of field: value", line=1))
    overrides, notes, problems = [], (), []
    for key, value in data.items():
        line = line_of(data, key)
        if key not in SIDECAR_FIELDS:
            problems.append(Diagnostic(name, unknown_field_message(key, SIDECAR_FIELDS), line=line))
        elif key == "notes":
            notes = parse_notes(value, name, line, problems)
        else:
            checked = check_value(key, value)
            if isinstance(checked, Invalid):
                problems.append(Diagnostic(name, f"field '{key}': {checked}", line=line))
            elif checked is not None:
                overrides.append((key, checked))
    if problems:
        raise SourceError(*problems)
    return Sidecar(name, tuple(overrides), notes)


def check_value(key: str, value: object) -> object:
    """Return the normalised value, or ``Invalid`` saying why it is refused."""
    if value is None:
        return None
    if key in TEXT_FIELDS:
        return value.strip() if isinstance(value, str) else Invalid(f"expected text, got {type_name(value)}")
    if key == "url":
        ok = isinstance(value, str) and re.match(r"^https?://\S+$", value)
        return value if ok else Invalid("expected an http(s) URL")
    if key == "language":
        return value if value in LANGUAGES else Invalid(f"expected one of {', '.join(LANGUAGES)}")
    if key == "tags":
        ok = isinstance(value, list) and all(isinstance(tag, str) for tag in value)
        return tuple(tag.strip() for tag in value) if ok else Invalid("expected a list of text tags")
    if key == "story_date":
        return check_date(value)
    return check_datetime(value)


def check_date(value: object) -> object:
    """Accept a YAML date or 'YYYY-MM-DD' text."""
    if isinstance(value, str) and ISO_DATE.match(value.strip()):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat() if value.year in YEARS else OUT_OF_RANGE
    return Invalid("expected a date such as 2025-02-13")


def check_datetime(value: object) -> object:
    """Accept a date, or a date-time (ISO 8601, with its time zone)."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            pass
    if isinstance(value, dt.date):
        return value.isoformat() if value.year in YEARS else OUT_OF_RANGE
    return Invalid("expected a date or date-time such as 2025-02-13T17:57:00+07:00")


def parse_notes(value: object, name: str, line: int | None, problems: list) -> tuple[EditorNote, ...]:
    """Validate ``notes: [{anchor: phrase, text: note}]``."""
    if not isinstance(value, list):
        problems.append(Diagnostic(name, "field 'notes': expected a list of {anchor, text}", line=line))
        return ()
    notes = []
    for item in value:
        item_line = line_of(item) or line
        if not isinstance(item, dict) or set(item) != {"anchor", "text"}:
            problems.append(Diagnostic(name, "each note needs exactly 'anchor' and 'text'", line=item_line))
        elif not all(isinstance(item[k], str) and item[k].strip() for k in ("anchor", "text")):
            problems.append(Diagnostic(name, "note 'anchor' and 'text' must be non-empty text",
                                       line=item_line))
        else:
            notes.append(EditorNote(item["anchor"].strip(), item["text"].strip(), item_line))
    return tuple(notes)


def type_name(value: object) -> str:
    """Name a YAML value's type as an editor would say it."""
    names = {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "a mapping"}
    return next((label for kind, label in names.items() if isinstance(value, kind)), type(value).__name__)


def apply_sidecar(article: Article, sidecar: Sidecar) -> Article:
    """Override the article's metadata with the editor's values."""
    changes = {key: Field(value, EDITOR) for key, value in sidecar.overrides}
    return replace(article, meta=replace(article.meta, **changes)) if changes else article

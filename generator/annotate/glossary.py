"""Glossary: parse glossary.yml and turn its terms into Python-Markdown abbreviation definitions."""

from __future__ import annotations

import re
from typing import Callable, Sequence

from ..core.models import Diagnostic, GlossaryTerm
from ..core.yamlfile import line_of, load_yaml, unknown_field_message

TERM_FIELDS = ("term", "definition")
# Python-Markdown's abbr wraps a term only between word boundaries (\b...\b), and its definition
# syntax *[term]: cannot hold brackets or backslashes in the term.
TERM = re.compile(r"\w(?:[^\[\]\\\n*]*\w)?")
PLAIN_TERM = re.compile(r"[^\W_]+(?: [^\W_]+)*")  # letters, digits and single spaces
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Characters Markdown or HTML could read as structure; written as numeric entities, which
# Python-Markdown's serializer keeps as they are and the browser shows as the character.
SPECIAL = re.compile(r"""[&<>"'\[\]\\`*_{}|#!~^$=]""")


def parse_glossary(text: str, file: str) -> tuple[tuple[GlossaryTerm, ...], tuple[Diagnostic, ...]]:
    """Parse and validate glossary.yml (a list of {term, definition}); report every problem."""
    data, problems = load_yaml(text, file)
    if problems or data is None:
        return (), tuple(problems)
    if not isinstance(data, list):
        message = "expected a list of terms, each '- term: KTT' with 'definition: ...'"
        return (), (Diagnostic(file, message, line=line_of(data) or 1),)
    terms, problems, seen = [], [], {}
    for item in data:
        term, item_problems = read_term(item, file)
        problems += item_problems
        if term is None:
            continue
        line = line_of(item)
        if term.term in seen:
            problems.append(Diagnostic(file, f"duplicate term '{term.term}': already defined at line "
                                       f"{seen[term.term]}", line=line))
            continue
        seen[term.term] = line
        terms.append(term)
    return tuple(terms), tuple(problems)


def read_term(item: object, file: str) -> tuple[GlossaryTerm | None, list[Diagnostic]]:
    """Validate one {term, definition} entry."""
    line = line_of(item)
    if not isinstance(item, dict):
        return None, [Diagnostic(file, "each glossary entry must be a mapping with term and definition",
                                 line=line)]
    problems = [Diagnostic(file, unknown_field_message(key, TERM_FIELDS), line=line_of(item, key))
                for key in item if key not in TERM_FIELDS]
    for key in TERM_FIELDS:
        value = item.get(key)
        if value is None:
            problems.append(Diagnostic(file, f"missing required field '{key}'", line=line))
        elif not isinstance(value, str) or not value.strip():
            problems.append(Diagnostic(file, f"field '{key}': expected text, got {describe(value)} "
                                       "(put quotes around it)", line=line_of(item, key)))
    if problems:
        return None, problems
    term, definition = item["term"].strip(), " ".join(item["definition"].split())
    if not TERM.fullmatch(term):
        message = (f"field 'term': '{term}' must start and end with a letter or digit and hold no "
                   "brackets, backslash or asterisk, or the abbreviation cannot be matched")
        return None, [Diagnostic(file, message, line=line_of(item, "term"))]
    return GlossaryTerm(term, definition), []


def describe(value: object) -> str:
    """Name a YAML value's type as an editor would say it ('NO' and 'on' read as true/false)."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    return {list: "a list", dict: "a mapping"}.get(type(value), "empty text")


def abbreviation_definitions(terms: Sequence[GlossaryTerm]) -> str:
    """Return Python-Markdown abbr lines (``*[KTT]: Konferensi Tingkat Tinggi``), one per term.

    The definition becomes an HTML attribute: every character with a meaning to Markdown or HTML is
    written as an entity, so a definition can neither end the line, nor inject markup, nor read as
    the ``''`` that deletes an abbreviation. Append the text after a blank line.
    """
    return "".join(definition_lines(terms).values())


def definition_lines(terms: Sequence[GlossaryTerm]) -> dict[str, str]:
    """Return the abbr line of each valid term; a term defined twice keeps its last definition,
    as Python-Markdown would."""
    return {term.term: f"*[{term.term}]: {safe_definition(term.definition)}\n" for term in terms
            if TERM.fullmatch(term.term) and term.definition.strip()}


def abbreviation_picker(terms: Sequence[GlossaryTerm]) -> Callable[[str], str]:
    """Return a function that gives the abbr lines of the terms a page's text uses.

    Python-Markdown's abbr extension scans every text node of a page for every defined term; a page
    that defines only the terms it uses is lighter to write and to convert. The pattern is the
    extension's own (whole words, case-sensitive), so no term that would be marked is left out.
    """
    lines = definition_lines(terms)
    # The page is Markdown: a term with punctuation may be written there as an entity (U&#46;S).
    always = {term for term in lines if not PLAIN_TERM.fullmatch(term)}
    return lambda text: "".join(line for term, line in lines.items() if term in always or has_word(text, term))


def term_pattern(terms: Sequence[GlossaryTerm]) -> re.Pattern | None:
    """Return one pattern that finds every term as a whole word, the longest first where two start
    at the same place (as Python-Markdown's abbr does), or None without terms."""
    names = sorted({term.term for term in terms if TERM.fullmatch(term.term)}, key=lambda name: (-len(name), name))
    return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b") if names else None


def has_word(text: str, word: str) -> bool:
    r"""Tell whether ``word`` (letters, digits, spaces) occurs in ``text`` between word boundaries, as
    ``\bword\b`` would; str.find, as a pattern opening with \b is tried at every position."""
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if not (start and is_word_char(text[start - 1])) and not (end < len(text) and is_word_char(text[end])):
            return True
        start = text.find(word, start + 1)
    return False


def is_word_char(char: str) -> bool:
    """Tell whether ``re`` counts a character as a word character."""
    return char.isalnum() or char == "_"


def safe_definition(definition: str) -> str:
    """Return a definition as one line of escaped text."""
    flat = " ".join(CONTROL.sub(" ", definition).split())
    return SPECIAL.sub(lambda match: f"&#{ord(match.group())};", flat)

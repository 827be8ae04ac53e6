"""The build report stays readable on a large digest: first problems, counted rest, automatic entities by reach."""

from __future__ import annotations

import re
from dataclasses import replace

from generator.core.models import Diagnostic
from generator.render.pages import MAX_REPORT_ROWS, render_report
from generator.render.site import Site, labels_for


def test_the_report_lists_the_first_problems_of_each_kind_and_counts_the_rest(sample_digest):
    warnings = tuple(Diagnostic(f"{n:04d}.txt", "not UTF-8", severity="warning") for n in range(MAX_REPORT_ROWS + 7))
    errors = (Diagnostic("bad.txt", "empty file"),)
    digest = replace(sample_digest, diagnostics=errors + warnings)
    text = render_report(Site(digest, labels_for("id"), "id"))
    assert text.count("not UTF-8") == MAX_REPORT_ROWS
    assert f"{MAX_REPORT_ROWS - 1:04d}&#46;txt" in text or f"{MAX_REPORT_ROWS - 1:04d}.txt" in text
    assert "dan 7 lainnya" in text
    assert "bad.txt" in text.replace("&#46;", ".") and text.count("lainnya") == 1


def report_rows(text: str) -> list[tuple[str, int]]:
    """Return the names and article counts the report lists under its unknown names."""
    section = text[text.index("## Nama yang belum ada di basis entitas"):]
    return [(name, int(count)) for name, count in
            re.findall(r'^<li><a href="\.\./entities/[^"]+">([^<]+)</a> \(otomatis\) — \w+[^\n]*? · (\d+) artikel</li>',
                       section, re.M)]


def test_the_report_lists_the_automatic_entities_most_widely_named_first(corpus_digest):
    rows = report_rows(render_report(Site(corpus_digest, labels_for("id"), "id")))
    automatic = {entity.name for entity in corpus_digest.knowledge.entities if entity.automatic}
    assert rows and {name for name, _ in rows} <= automatic
    assert [count for _, count in rows] == sorted((count for _, count in rows), reverse=True)
    assert rows[0] == ("Donald Trump", 18)


def test_a_name_the_junk_filter_refused_is_not_on_the_report(corpus_digest):
    text = render_report(Site(corpus_digest, labels_for("id"), "id"))
    names = {name for entity in corpus_digest.knowledge.entities for name in (entity.name, *entity.aliases)}
    refused = {c.name for article in corpus_digest.articles for c in article.candidates} - names
    assert {"Kabag Pemberitaan", "Gelar", "Brigjen Dedi Prasetyo"} <= refused  # a role, a word, a rank and a name
    assert [name for name in refused if f">{name}</a>" in text] == []
    assert ("Dedi Prasetyo", 1) in report_rows(text)


def test_a_digest_whose_names_are_all_known_reports_none(sample_digest):
    text = render_report(Site(sample_digest, labels_for("id"), "id"))
    assert text.endswith("## Nama yang belum ada di basis entitas\n\n<p>Tidak ada.</p>\n")

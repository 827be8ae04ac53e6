"""The build report stays readable on a large digest: first problems, counted rest, unknown names by count."""

from __future__ import annotations

from dataclasses import replace

from generator.core.models import Candidate, Diagnostic
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


def test_unknown_names_are_grouped_most_frequent_first(sample_digest):
    rare, common = Candidate("Andi Pratama", "kata Andi Pratama.", "p1"), Candidate("Sari Lubis", "ujar Sari Lubis.", "p2")
    articles = (replace(sample_digest.articles[0], candidates=(rare, common)),
                *(replace(a, candidates=(common,)) for a in sample_digest.articles[1:3]))
    digest = replace(sample_digest, articles=articles)
    text = render_report(Site(digest, labels_for("id"), "id"))
    assert text.index("<strong>Sari Lubis</strong> (3 artikel)") < text.index("<strong>Andi Pratama</strong> —")

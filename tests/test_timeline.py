"""The timeline (link/events.py, render/timeline.py, render/timeline_export.py): events merged across
articles, kinds, order, ids, exports and the timeline page."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import time
from dataclasses import replace
from pathlib import Path

import markdown
import pytest

from generator.annotate.dates import find_dates, format_date, infer_story_date
from generator.render.markup import escape_html, html_block
from generator.core.models import (EVENT_KINDS, Article, Block, Entity, Event, EventSource, Field, Mention,
                              Metadata, SeedFile)
from generator.link.paging import paged
from generator.link.paging import neighbours
from generator.link.events import build_events, number_events, sentence_spans, summarise, undated_articles
from generator.render.timeline import (MAX_EVENT_SOURCES, entity_chips, event_kinds, event_rows, periods_by_year,
                                       undated_events)
from generator.render.timeline_export import timeline_ics, timeline_json

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def make_article(slug: str, paragraphs: tuple[str, ...], outlet: str | None = "Outlet",
                 published: str | None = None, mentions: tuple[Mention, ...] = (),
                 language: str = "id") -> Article:
    """An article as the annotate stage leaves it: blocks, dates and story date."""
    blocks = tuple(Block("paragraph", text, n, f"p{n}") for n, text in enumerate(paragraphs, 1))
    reference = dt.date.fromisoformat(published[:10]) if published else None
    dates = find_dates(blocks, reference, language)
    meta = Metadata(title=Field(f"Judul {slug}"), outlet=Field(outlet), published=Field(published),
                    story_date=infer_story_date(blocks, dates, published), language=Field(language))
    return Article(f"{slug}.txt", slug, "0", meta, blocks, mentions=mentions, dates=dates)


def sample_articles() -> list[Article]:
    """The five samples through the real ingest (one block per long line before it existed)."""
    try:
        from generator.ingest.article import ingest
        from generator.core.knowledge import load_outlets
    except ImportError:
        return [make_article(path.stem[:3], tuple(line for line in path.read_text().splitlines()
                                                  if len(line.split()) >= 8), outlet=path.stem[:3])
                for path in sorted(SEEDS.glob("*.txt"))]
    articles = []
    for path in sorted(SEEDS.glob("*.txt")):
        article = ingest(SeedFile(path.name, path.read_bytes()), load_outlets())
        published = article.meta.published.value
        reference = dt.date.fromisoformat(str(published)[:10]) if published else None
        dates = find_dates(article.blocks, reference, article.meta.language.value or "id")
        story = infer_story_date(article.blocks, dates, published)
        articles.append(replace(article, slug=path.stem[:3], dates=dates,
                                meta=replace(article.meta, story_date=story)))
    return articles


@pytest.fixture(scope="module")
def samples() -> list[Article]:
    return sample_articles()


@pytest.fixture(scope="module")
def sample_events(samples) -> tuple[Event, ...]:
    return build_events(samples)


def events_on(events, date: str) -> list[Event]:
    return [event for event in events if event.date == date]


def slugs(event: Event) -> set[str]:
    return {source.slug for source in event.sources}


# ---------------------------------------------------------------- the samples


def test_sample_phone_call_is_one_event_with_four_sources(sample_events):
    main = [e for e in events_on(sample_events, "2025-02-12") if len(slugs(e)) >= 4]
    assert len(main) == 1
    assert main[0].id == "2025-02-12" and main[0].kind == "main"
    assert slugs(main[0]) >= {"000", "001", "002", "003"}


def test_sample_13_february_has_two_sources(sample_events):
    (event, *_) = events_on(sample_events, "2025-02-13")
    assert event.id == "2025-02-13" and len(slugs(event)) >= 2


@pytest.mark.parametrize("date", ["1997", "2022", "2022-02", "2025-01-20", "2021-06"],
                         ids=["1997", "2022", "february-2022", "inauguration", "june-2021"])
def test_sample_background(sample_events, date):
    assert {event.kind for event in events_on(sample_events, date)} == {"background"}


def test_sample_victory_day_parade_is_announced(sample_events):
    (event,) = events_on(sample_events, "2025-05-09")
    assert event.kind == "announced" and "9 Mei mendatang" in event.summary


def test_sample_004_is_the_only_undated(samples):
    assert [a.slug for a in undated_articles(samples)] == ["004"]


def test_sample_events_strictly_chronological_with_unique_ids(sample_events):
    dates = [event.date for event in sample_events]
    assert dates == sorted(dates)
    assert len({event.id for event in sample_events}) == len(sample_events)


def test_sample_sources_point_at_the_paragraph_of_the_sentence(samples, sample_events):
    by_slug = {a.slug: a for a in samples}
    for event in sample_events:
        for source in event.sources:
            article = by_slug[source.slug]
            assert source.sentence in article.block(source.anchor).text
            assert source.outlet == article.meta.outlet.value


def test_full_pipeline_timeline(sample_digest):
    events = sample_digest.events
    call = [e for e in events if e.date == "2025-02-12" and len(slugs(e)) >= 4]
    assert len(call) == 1 and call[0].entity_ids
    assert any(e.date == "2025-02-13" and len(slugs(e)) >= 2 for e in events)
    assert [e.date for e in events] == sorted(e.date for e in events)


# ---------------------------------------------------------------- merging


def test_same_happening_in_two_languages_merges_through_entities():
    indonesian = make_article("a", ("Putin dan Trump berbicara lewat telepon pada Rabu (12/2/2025).",),
                              mentions=(Mention("putin", "p1", 0, 5, "Putin"), Mention("trump", "p1", 10, 15, "Trump")))
    english = make_article("b", ("Putin and Trump spoke by phone on Wednesday, February 12, 2025.",),
                           mentions=(Mention("putin", "p1", 0, 5, "Putin"), Mention("trump", "p1", 10, 15, "Trump")),
                           language="en")
    (event,) = build_events([indonesian, english])
    assert slugs(event) == {"a", "b"} and set(event.entity_ids) == {"putin", "trump"}


def test_different_happenings_on_one_date_stay_apart_with_numbered_ids():
    quake = make_article("a", ("Gempa magnitudo 6,2 mengguncang Cianjur pada Senin (10/3/2025) pagi.",))
    budget = make_article("b", ("DPR mengesahkan anggaran pendidikan pada Senin (10/3/2025) malam.",))
    quake_again = make_article("c", ("Gempa di Cianjur pada Senin (10/3/2025) merusak ratusan rumah.",))
    events = build_events([quake, budget, quake_again])
    assert [(e.id, slugs(e)) for e in events] == [("2025-03-10", {"a", "c"}), ("2025-03-10-2", {"b"})]


def test_statements_of_one_article_on_one_date_are_one_source():
    article = make_article("a", ("Kremlin pada Rabu (12 Februari 2025) mengumumkan undangan.",
                                 "Pada Rabu siang, Trump menyatakan pembicaraan telepon selesai."))
    (event,) = build_events([article])
    assert [(s.slug, s.anchor) for s in event.sources] == [("a", "p1")]


def test_a_sentence_with_two_dates_gives_two_events_from_their_clauses():
    article = make_article("a", ("Hal ini disampaikan Kremlin pada Kamis (13/2) setelah kedua presiden "
                                 "melakukan panggilan telepon sehari sebelumnya.",), published="2025-02-13")
    events = build_events([article])
    assert [e.date for e in events] == ["2025-02-12", "2025-02-13"]
    assert events[0].summary.startswith("Setelah kedua presiden")
    assert events[1].summary == "Hal ini disampaikan Kremlin pada Kamis (13/2)"


def test_entities_are_those_named_in_the_sentence():
    text = "Putin bertemu Xi pada 9 Mei 2025. Biden tidak hadir."
    article = make_article("a", (text,), mentions=(Mention("putin", "p1", 0, 5, "Putin"),
                                                   Mention("xi", "p1", 14, 16, "Xi"),
                                                   Mention("biden", "p1", 34, 39, "Biden")))
    (event,) = build_events([article])
    assert event.entity_ids == ("putin", "xi")


# ---------------------------------------------------------------- kinds


@pytest.mark.parametrize("paragraphs, published, date, kind", [
    (("Presiden melantik menteri pada Senin (10/3/2025).",), None, "2025-03-10", "main"),
    (("Presiden melantik menteri pada Senin (10/3/2025).", "Ia menjabat sejak 2019."), None, "2019",
     "background"),
    (("Presiden melantik menteri pada Senin (10/3/2025).", "Terakhir kali ia bertemu Xi pada Oktober 2024."),
     None, "2024-10", "background"),
    (("Presiden melantik menteri pada Senin (10/3/2025).", "Pelantikan berikutnya akan digelar pada 2 April."),
     None, "2025-04-02", "announced"),
    (("Presiden melantik menteri pada Senin (10/3/2025).", "Kunjungan ke Beijing pada 9 Mei mendatang."),
     None, "2025-05-09", "announced"),
    (("Presiden melantik menteri kemarin.", "Sidang kabinet digelar Jumat (14/3)."), "2025-03-11T09:00:00+07:00",
     "2025-03-14", "announced"),
    (("Presiden melantik menteri pada Senin (10/3/2025).", "Sehari sebelumnya ia rapat."), None, "2025-03-09",
     "main"),
], ids=["story-date", "sejak", "terakhir-kali", "akan", "mendatang", "after-publication", "day-before"])
def test_event_kind(paragraphs, published, date, kind):
    events = build_events([make_article("a", paragraphs, published=published)])
    assert [e.kind for e in events if e.date == date] == [kind]


def test_an_event_main_for_one_article_is_main_although_background_for_another():
    first = make_article("a", ("Trump menelepon Putin pada Rabu (12/2/2025).",))
    later = make_article("b", ("Kremlin pada Senin (24/2/2025) kembali berbicara.",
                               "Sebelumnya Trump menelepon Putin pada Rabu (12/2/2025)."))
    (event,) = [e for e in build_events([first, later]) if e.date == "2025-02-12"]
    assert event.kind == "main" and slugs(event) == {"a", "b"}


# ---------------------------------------------------------------- order and ids


def dated_event(value: str) -> Article:
    precision = {4: "year", 7: "month"}.get(len(value), "day")
    text = {"day": "pada {d}", "month": "pada {m}", "year": "pada tahun {y}"}[precision]
    parts = value.split("-")
    months = ["Januari", "Februari", "Maret"]
    words = text.format(d=f"{int(parts[-1])} {months[int(parts[1]) - 1]} {parts[0]}" if precision == "day" else "",
                        m=f"{months[int(parts[1]) - 1]} {parts[0]}" if precision == "month" else "",
                        y=parts[0])
    return make_article(f"a{value}", (f"Peristiwa {value} terjadi {words}.",))


def test_coarser_date_sorts_at_the_start_of_its_period():
    articles = [dated_event(v) for v in ("2022-02-01", "2022-03", "2022", "2022-02", "2022-01-31")]
    assert [e.id for e in build_events(articles)] == ["2022", "2022-01-31", "2022-02", "2022-02-01", "2022-03"]


def test_the_bare_date_id_goes_to_the_event_with_most_sources():
    lone = make_article("a", ("Banjir melanda Jakarta pada Senin (10/3/2025).",))
    first = make_article("b", ("DPR mengesahkan undang-undang anggaran pada Senin (10/3/2025).",))
    second = make_article("c", ("Undang-undang anggaran disahkan DPR pada Senin (10/3/2025).",))
    events = build_events([lone, first, second])
    assert [(e.id, slugs(e)) for e in events] == [("2025-03-10", {"b", "c"}), ("2025-03-10-2", {"a"})]


def test_build_events_is_deterministic(samples):
    assert build_events(samples) == build_events(list(samples))


# ---------------------------------------------------------------- sentences and summaries


@pytest.mark.parametrize("text, count", [
    ("Putin spoke on Feb. 12 with Trump. Peskov confirmed it.", 2),
    ("Dr. Budi dan Prof. Ani hadir. Mereka berbicara.", 2),
    ("Donald J. Trump berbicara. Putin menjawab.", 2),
    ('"Kami sepakat," kata Trump. Putin diam.', 2),
    ("Harga naik 2.5 persen. Lalu turun.", 2),
], ids=["month-abbreviation", "titles", "initial", "quote", "decimal"])
def test_sentence_spans(text, count):
    assert len(sentence_spans(text)) == count


def test_summary_is_short_and_keeps_the_date():
    long = ("Peskov juga menolak mengonfirmasi siapa yang memulai kontak antara kedua pemimpin dan tidak "
            "memberikan informasi lebih lanjut mengenai kemungkinan kunjungan Trump ke Moskow untuk "
            "menghadiri Parade Kemenangan pada 9 Mei mendatang.")
    summary = summarise(long, "9 Mei mendatang")
    assert len(summary) <= 202 and summary.startswith("… ") and summary.endswith("9 Mei mendatang.")


@pytest.mark.parametrize("text, expected", [
    ("Sebelumnya, Trump mengatakan pada hari Rabu (12/2) bahwa", "Trump mengatakan pada hari Rabu (12/2) bahwa"),
    ("MOSKOW – Panggilan telepon pada 12 Februari 2025.", "Panggilan telepon pada 12 Februari 2025."),
    ("JAKARTA, KOMPAS.com - Presiden melantik pada Senin (10/3/2025).",
     "Presiden melantik pada Senin (10/3/2025)."),
], ids=["opener", "dateline", "kompas-dateline"])
def test_summary_drops_openers_and_datelines(text, expected):
    assert summarise(text) == expected


def test_long_summary_is_cut_at_a_clause_boundary():
    text = ("Pada 12 Februari 2025 Kremlin menyatakan bahwa kedua presiden sepakat bertemu di Arab Saudi, "
            "sementara para menteri luar negeri diminta menyiapkan agenda pertemuan, termasuk soal "
            "pertukaran tahanan, sanksi ekonomi, energi, dan keamanan Eropa yang dibahas panjang lebar.")
    summary = summarise(text, "12 Februari 2025")
    assert len(summary) <= 202 and summary.endswith(" …") and not summary[:-2].endswith(",")


# ---------------------------------------------------------------- undated


def test_undated_articles_are_those_without_story_date():
    dated = make_article("a", ("Presiden melantik menteri pada Senin (10/3/2025).",))
    undated = make_article("b", ("Presiden akan melantik menteri minggu depan.",))
    assert undated_articles([dated, undated]) == (undated,)


# ---------------------------------------------------------------- exports


EVENTS = (
    Event("1997", "1997", "year", "background", "NATO; batas, \"lama\"", (EventSource("a", "p1", "detikNews", "T", "s"),)),
    Event("2022-02", "2022-02", "month", "background", "Invasi", (EventSource("a", "p2", None, "T", "s"),)),
    Event("2025-02-12", "2025-02-12", "day", "main", "Putin & Trump <b>berbicara</b>, lewat telepon; " + "x" * 120,
          (EventSource("a", "p3", "detikNews", "Rusia: Pertemuan", "s"), EventSource("b", "p1", "Podme", "KTT", "s"))),
)


def test_timeline_json_has_the_timelinejs_fields():
    data = timeline_json(EVENTS, "Linimasa")
    assert data["title"]["text"]["headline"] == "Linimasa"
    assert isinstance(data["events"], list) and len(data["events"]) == 3
    for event in data["events"]:
        assert re.fullmatch(r"-?\d+", event["start_date"]["year"])
        assert isinstance(event["text"], dict) and event["text"]["headline"]
        assert event["group"] in EVENT_KINDS and event["unique_id"]


@pytest.mark.parametrize("index, start_date", [
    (0, {"year": "1997"}), (1, {"year": "2022", "month": "2"}), (2, {"year": "2025", "month": "2", "day": "12"}),
], ids=["year", "month", "day"])
def test_timeline_json_start_date_at_precision(index, start_date):
    assert timeline_json(EVENTS, "t")["events"][index]["start_date"] == start_date


def test_timeline_json_escapes_html():
    headline = timeline_json(EVENTS, "t")["events"][2]["text"]["headline"]
    assert "<b>" not in headline and "&lt;b&gt;" in headline


def test_timeline_ics_is_valid_rfc5545():
    ics = timeline_ics(EVENTS)
    assert ics.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and ics.endswith("END:VCALENDAR\r\n")
    assert "\n" not in ics.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))
    unfolded = ics.replace("\r\n ", "")
    assert unfolded.count("BEGIN:VEVENT") == 1  # only the day-precision event
    assert "UID:2025-02-12@news-digest" in unfolded
    assert "DTSTAMP:20250212T000000Z" in unfolded
    assert "DTSTART;VALUE=DATE:20250212\r\nDTEND;VALUE=DATE:20250213" in unfolded
    assert "SUMMARY:Putin & Trump <b>berbicara</b>\\, lewat telepon\\; x" in unfolded
    assert "DESCRIPTION:detikNews: Rusia: Pertemuan\\nPodme: KTT" in unfolded


def test_timeline_ics_is_deterministic():
    assert timeline_ics(EVENTS) == timeline_ics(EVENTS)


# ---------------------------------------------------------------- the page


def chips_of_event(entities, event):
    """Render an event's entity chips as the timeline does, linked to the entity pages' paths."""
    named = tuple((id, entities[id]) for id in event.entity_ids if id in entities)
    return entity_chips(named, [f"entities/{id}.md" for id, _ in named])


@pytest.fixture(scope="module")
def page(samples):
    from generator.render.site import render_template

    events = build_events(samples)
    entities = {"putin": Entity("putin", "Vladimir Putin", "person", description="Presiden Rusia")}
    events = tuple(replace(e, entity_ids=("putin", "unknown")) if e.id == "2025-02-12" else e for e in events)
    labels = {"timeline_title": "Linimasa", "sources": "Sumber"}
    context = dict(site=None, labels=labels, kinds=event_kinds(labels), entities=entities, max_sources=MAX_EVENT_SOURCES,
                   format_date=lambda value, precision: format_date(value, precision, "id"),
                   link=lambda target: target, href=lambda target: target, event_href=lambda event: f"#{event.id}",
                   mark=escape_html)
    rows = {event.id: html_block(render_template("_event.html.j2", **context, event=event,
                                                 chips=chips_of_event(entities, event))) for event in events}
    undated = html_block(render_template("_undated.html.j2", **context,
                                         undated=undated_events(undated_articles(samples), events)))
    legend = html_block(render_template("_legend.html.j2", kinds=event_kinds(labels)))
    return render_template("timeline.md.j2", **context, events=events, rows=rows, periods=(), undated=undated,
                           legend=legend)


@pytest.fixture(scope="module")
def page_html(page):
    body = page.split("---", 2)[2]
    return markdown.markdown(body, extensions=["attr_list", "md_in_html", "toc"])


def test_page_has_front_matter_and_title(page):
    assert page.startswith("---\ntitle: Linimasa\n---\n") and "\n# Linimasa\n" in page


@pytest.mark.parametrize("anchor", ["2025-02-12", "2025-02-13", "2025-05-09", "2022-02", "1997", "2021-06"])
def test_page_entry_has_the_event_id(page_html, anchor):
    assert re.search(rf'<div class="dg-event dg-\w+" id="{anchor}" data-search-exclude>', page_html)


def test_page_headings_never_take_an_event_id(page_html):
    heading_ids = re.findall(r'<h[23] id="([^"]+)"', page_html)
    assert "y2025" in heading_ids and "m2025-02" in heading_ids
    assert not any(re.fullmatch(r"\d{4}(-\d\d)*", heading) for heading in heading_ids)


def test_page_shows_dates_kinds_sources_and_chips(page_html):
    entry = re.search(r'id="2025-02-12" data-search-exclude>(.*?)</div>', page_html, re.S).group(1)
    assert "12 Februari 2025" in entry and "Peristiwa utama" in entry
    assert '<a class="dg-chip" href="entities/putin.md" title="Presiden Rusia">Vladimir Putin</a>' in entry
    assert "unknown" not in entry  # an entity missing from the knowledge base gets no chip
    assert re.search(r'<a href="articles/002\.md#p\d+" title="[^"]+">detikNews</a>', entry)


@pytest.mark.parametrize("pages", [
    ("stories/a.md", "stories/b.md", "timeline.md", "timeline/2025-02.md"),
    ("timeline/2025-02.md", "timeline.md", "stories/b.md"),
], ids=["stories-first", "timeline-first"])
def test_event_chips_shared_by_pages_link_the_entities_from_each_page(sample_digest, pages):
    from generator.render.site import Site, labels_for

    site = Site(sample_digest, labels_for("id"), "id")
    events = [event for event in sample_digest.events if any(id in sample_digest.entities for id in event.entity_ids)]
    assert events
    for page in pages:
        for event in events:
            row = event_rows(site, page, [event])[event.id]
            for url in re.findall(r'class="dg-chip" href="([^"]+)"', row):
                assert url == site.href(page, f"entities/{url.rstrip('/').rsplit('/', 1)[-1]}.md"), (page, url)
            assert re.findall(r'class="dg-chip" href="', row)


def test_page_is_grouped_by_year_and_month_in_order(page):
    headings = re.findall(r"^#{2,3} (.+?) \{", page, re.M)
    assert headings[:4] == ["1997", "2021", "Juni 2021", "2022"]
    assert headings.index("Februari 2025") < headings.index("Mei 2025")


def test_page_lists_undated_articles_with_their_events(page_html):
    undated = page_html.split('id="undated"', 1)[1]
    assert 'href="articles/004.md"' in undated and 'href="#2021-06"' in undated


def test_page_without_events_or_labels_still_renders():
    from generator.render.site import render_template

    text = render_template("timeline.md.j2", site=None, events=(), rows={}, periods=(), undated=None, labels={},
                           kinds=event_kinds({}), format_date=lambda v, p: v, entities={}, link=lambda t: t,
                           legend="", max_sources=MAX_EVENT_SOURCES)
    assert "# Linimasa" in text and "Tidak ada." in text


# ---------------------------------------------------------------- the split timeline

# The sample digest with the timeline split as a large digest's would be (paging.MAX_ROWS is 150):
# its nine events fall in seven periods, among them two year-only ones and two with two events.
SPLIT_ROWS = 2
EVENT_DIV = re.compile(r'^<div class="dg-event [^"]*" id="([^"]+)" data-search-exclude>$.*?^</div>$', re.M | re.S)


def split_copy(digest, max_rows: int = SPLIT_ROWS):
    """A copy of ``digest`` whose timeline is split by period past ``max_rows`` events."""
    copy = replace(digest)
    copy.__dict__["timeline_pages"] = paged("timeline", copy.events, lambda event: event.date, max_rows=max_rows)
    return copy


def timeline_site(digest, language: str = "id"):
    from generator.render.site import Site, labels_for

    return Site(digest, labels_for(language), language)


@pytest.fixture(scope="module")
def split_digest(sample_digest):
    digest = split_copy(sample_digest)
    assert digest.timeline_pages.split and len(digest.timeline_pages.parts) > 2
    return digest


@pytest.fixture(scope="module")
def split_pages(split_digest) -> dict[str, str]:
    from generator.render.timeline import render_timeline

    return dict(render_timeline(timeline_site(split_digest)))


def event_blocks(text: str) -> dict[str, str]:
    """The event entries of a timeline page, by id."""
    return {match.group(1): match.group(0) for match in EVENT_DIV.finditer(text)}


def test_split_timeline_is_an_overview_and_one_page_per_period(split_digest, split_pages):
    parts = split_digest.timeline_pages.parts
    assert list(split_pages) == ["timeline.md"] + [part.path for part in parts]
    assert [part.key for part in parts] == ["1997", "2021-06", "2022", "2022-02", "2025-01", "2025-02", "2025-05"]


def test_every_event_is_an_anchor_on_the_page_its_target_names(split_digest, split_pages):
    missing = []
    for event in split_digest.events:
        page, _, anchor = split_digest.timeline_pages.target(event.date, event.id).partition("#")
        if anchor not in event_blocks(split_pages.get(page, "")):
            missing.append((event.id, page))
    assert missing == []


def test_period_pages_list_exactly_their_own_events(split_digest, split_pages):
    shown = {part.path: sorted(event_blocks(split_pages[part.path])) for part in split_digest.timeline_pages.parts}
    assert shown == {part.path: sorted(event.id for event in part.items) for part in split_digest.timeline_pages.parts}


def test_overview_lists_each_period_with_its_count_and_no_event(split_digest, split_pages):
    overview = split_pages["timeline.md"]
    periods = re.findall(r"^- \[(.+?)\]\((timeline/[^)]+)\) · (\d+) peristiwa$", overview, re.M)
    assert periods == [("1997 (hanya tahun)", "timeline/1997.md", "1"), ("Juni 2021", "timeline/2021-06.md", "1"),
                       ("2022 (hanya tahun)", "timeline/2022.md", "1"), ("Februari 2022", "timeline/2022-02.md", "2"),
                       ("Januari 2025", "timeline/2025-01.md", "1"), ("Februari 2025", "timeline/2025-02.md", "2"),
                       ("Mei 2025", "timeline/2025-05.md", "1")]
    assert re.findall(r"^## (\d{4}) \{ #y\1 \}$", overview, re.M) == ["1997", "2021", "2022", "2025"]
    assert event_blocks(overview) == {} and "Tidak ada." not in overview
    assert "[TimelineJS (JSON)](timeline.json) · [iCalendar](timeline.ics)" in overview


def test_overview_keeps_the_undated_articles_linked_to_the_period_pages(split_pages):
    undated = split_pages["timeline.md"].split("{ #undated }", 1)[1]
    assert 'href="../articles/trump-isyaratkan-pertemuan-segera-dengan-putin-di-tengah-upaya-akhiri-konflik/"' in undated
    assert '<a href="2021-06/#2021-06">Juni 2021</a>' in undated


def test_period_page_title_and_links_to_its_neighbours(split_pages):
    page = split_pages["timeline/2022-02.md"]
    assert page.startswith("---\ntitle: Linimasa — Februari 2022\nsearch:\n  exclude: true\n---\n\n# Linimasa — Februari 2022\n")
    navigation = "← [2022 (hanya tahun)](2022.md) · [Semua periode](../timeline.md) · [Januari 2025](2025-01.md) →"
    assert page.count(navigation) == 2  # above and below the events
    assert "\n[Semua periode](../timeline.md) · [Juni 2021](2021-06.md) →\n" in split_pages["timeline/1997.md"]
    assert "\n← [Februari 2025](2025-02.md) · [Semua periode](../timeline.md)\n" in split_pages["timeline/2025-05.md"]


def test_period_page_links_are_relative_to_its_folder(split_pages):
    page = split_pages["timeline/2025-02.md"]
    assert "[TimelineJS (JSON)](../timeline.json) · [iCalendar](../timeline.ics)" in page
    links = re.findall(r"\]\(([^)\s]+)", page)  # Markdown: the exports and the neighbouring periods
    assert links and all(link.startswith(("../", "20")) for link in links)
    hrefs = re.findall(r'href="([^"]+)"', page)  # HTML: served at timeline/2025-02/, two folders down
    assert any(href.startswith("../../articles/") for href in hrefs)
    assert any(href.startswith("../../entities/") for href in hrefs)


def test_period_page_shows_its_events_as_the_single_page_does(sample_digest, split_pages):
    from generator.render.timeline import render_timeline

    single = event_blocks(render_timeline(timeline_site(sample_digest))[0][1])
    split = {}
    for path, text in split_pages.items():
        split.update({id: block.replace('href="../../', 'href="../') for id, block in event_blocks(text).items()})
    assert split == single and len(single) == len(sample_digest.events)


def test_period_page_renders_its_events_with_their_ids(split_pages):
    html = markdown.markdown(split_pages["timeline/2025-02.md"].split("---", 2)[2],
                             extensions=["attr_list", "md_in_html", "toc"])
    assert re.findall(r'<div class="dg-event dg-\w+" id="([^"]+)" data-search-exclude>', html) == ["2025-02-12", "2025-02-13"]


def test_split_timeline_in_english(split_digest):
    from generator.render.timeline import render_timeline

    pages = dict(render_timeline(timeline_site(split_digest, "en")))
    assert "# Timeline — February 2025\n" in pages["timeline/2025-02.md"]
    assert "# Timeline — 1997 (year only)\n" in pages["timeline/1997.md"]
    overview = pages["timeline.md"]
    assert "- [February 2025](timeline/2025-02.md) · 2 events\n" in overview
    assert "- [May 2025](timeline/2025-05.md) · 1 event\n" in overview
    assert "[All periods](../timeline.md)" in pages["timeline/2025-05.md"]


def test_every_timeline_link_of_a_split_site_resolves(split_digest):
    from generator.render.links import check_links
    from generator.render.pages import render_site

    pages = render_site(split_digest)
    timeline_links = sum(len(re.findall(r'href="[^"]*timeline/[^"]*#', text)) for _, text in pages)
    assert timeline_links > len(split_digest.events) and check_links(pages) == []


def test_unsplit_timeline_is_the_single_page(sample_digest):
    from generator.render.timeline import render_timeline

    assert not sample_digest.timeline_pages.split
    pages = render_timeline(timeline_site(sample_digest))
    assert [path for path, _ in pages] == ["timeline.md"]
    text = pages[0][1]
    assert "](timeline/" not in text and "Semua periode" not in text
    assert "### Februari 2025 { #m2025-02 }" in text and '<a href="#2021-06">Juni 2021</a>' in text
    assert "[TimelineJS (JSON)](timeline.json) · [iCalendar](timeline.ics)" in text


@pytest.mark.parametrize("spare, pages", [(1, 1), (0, 1), (-1, 8)], ids=["below-limit", "at-limit", "past-limit"])
def test_timeline_splits_only_past_its_row_limit(sample_digest, spare, pages):
    from generator.render.timeline import render_timeline

    digest = split_copy(sample_digest, max_rows=len(sample_digest.events) + spare)
    rendered = render_timeline(timeline_site(digest))
    assert len(rendered) == pages
    if pages == 1:  # not split: byte for byte the page of the digest as built
        assert rendered == render_timeline(timeline_site(sample_digest))


def test_periods_by_year_and_neighbours(split_digest):
    parts = split_digest.timeline_pages.parts
    assert [(year, [p.key for p in found]) for year, found in periods_by_year(parts)] == [
        ("1997", ["1997"]), ("2021", ["2021-06"]), ("2022", ["2022", "2022-02"]),
        ("2025", ["2025-01", "2025-02", "2025-05"])]
    trio = neighbours(parts)
    assert trio[0][0] is None and trio[-1][2] is None
    assert [(a and a.key, b.key, c and c.key) for a, b, c in trio][3] == ("2022", "2022-02", "2025-01")


def test_undated_events_pairs_each_article_with_its_events(samples, sample_events):
    pairs = undated_events(undated_articles(samples), sample_events)
    assert [(article.slug, [event.id for event in events]) for article, events in pairs] == [
        ("004", [event.id for event in sample_events if "004" in slugs(event)])]
    assert pairs[0][1]


@pytest.mark.parametrize("language", ["id", "en"])
def test_split_timeline_labels_exist(language):
    from generator.render.site import labels_for

    labels = labels_for(language)
    assert {"timeline_all_periods", "timeline_year_only", "timeline_events", "timeline_events_one"} <= set(labels)
    assert "{year}" in labels["timeline_year_only"] and "{count}" in labels["timeline_events"]



# ---------------------------------------------------------------- speed


def test_merging_thousands_of_reports_of_one_date_is_fast():
    texts = ["Presiden Putin dan Presiden Trump berbicara lewat telepon pada Rabu (12/2/2025) selama {n} menit.",
             "Gempa bumi mengguncang Kota {n} pada Rabu (12/2/2025) pagi.",
             "Harga minyak naik ke {n} dolar pada Rabu (12/2/2025)."]
    articles = [make_article(f"a{n}", (texts[n % 3].format(n=n),)) for n in range(1500)]
    start = time.perf_counter()
    events = build_events(articles)
    assert time.perf_counter() - start < 5.0
    assert len(events) <= 6 and sum(len(e.sources) for e in events) == 1500


# ---------------------------------------------------------------- sentence split, reference


def sentence_spans_by_slices(text: str) -> list[tuple[int, int]]:
    """sentence_spans as first written (each last word searched in a slice), to compare with."""
    from generator.link.events import timeline_vocabulary

    abbreviations = timeline_vocabulary().abbreviations
    spans, start = [], 0
    for boundary in re.finditer(r"[.!?…]+[\"”’)\]]*\s+", text):
        before = re.search(r"([\w.]+)[.!?…]*$", text[start:boundary.start() + 1])
        word = before.group(1).rstrip(".").lower() if before else ""
        following = text[boundary.end():boundary.end() + 1]
        if word in abbreviations or len(word) == 1 or following.islower():
            continue
        spans.append((start, boundary.end()))
        start = boundary.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


@pytest.mark.parametrize("text", [
    "Putin tiba. Dr. Terawan bicara!? Ia pergi… Lalu (12/2). Selesai",
    "U.S. President Trump said. x.y. Ends?! “Quoted.” Next",
    "Harga naik 2,5 persen. Kamis! __x. ü. Ende.",
], ids=["id", "en", "odd"])
def test_sentence_spans_match_the_slice_search(text):
    assert [text[s:e].strip() for s, e in sentence_spans(text)] == \
        [text[s:e].strip() for s, e in sentence_spans_by_slices(text)]


def test_an_event_reported_by_hundreds_names_the_first_sources_and_counts_the_rest(page):
    from generator.render.site import render_template

    sources = tuple(EventSource(f"artikel-{n}", "p1", "Kompas", f"Judul {n}", "Kalimat.") for n in range(45))
    event = Event("2022-02", "2022-02", "month", "background", "Invasi dimulai.", sources)
    labels = {"sources": "Sumber", "coverage_more": "dan {count} lainnya"}
    text = render_template("_event.html.j2", event=event, labels=labels, kinds=event_kinds(labels), mark=escape_html,
                           format_date=lambda v, p: v, chips="", href=lambda t: t, max_sources=MAX_EVENT_SOURCES)
    listed = re.findall(r'href="articles/(artikel-\d+)\.md#p1"', text)
    assert listed == [f"artikel-{n}" for n in range(MAX_EVENT_SOURCES)]
    assert f"dan {45 - MAX_EVENT_SOURCES} lainnya" in text


def test_event_anchors_never_read_as_another_date():
    """The tenth event of February 2025 must not take the anchor of the day 10 February 2025,
    nor the tenth event of 2025 that of October 2025."""
    months = [Event("2025-02", "2025-02", "month", "background", f"Bulan {n}", ()) for n in range(12)]
    years = [Event("2025", "2025", "year", "background", f"Tahun {n}", ()) for n in range(12)]
    days = [Event("2025-02-10", "2025-02-10", "day", "main", f"Hari {n}", ()) for n in range(2)]
    october = Event("2025-10", "2025-10", "month", "main", "Oktober", ())
    ids = [event.id for event in number_events(years + months + days + [october])]
    assert len(set(ids)) == len(ids)
    assert ids[:3] == ["2025", "2025-n2", "2025-n3"]
    assert "2025-02-n10" in ids and ids[-3:] == ["2025-02-10", "2025-02-10-2", "2025-10"]


@pytest.mark.parametrize("text, first", [
    ("Trump dilantik pada 20 Januari. Kalimat ini ditambahkan kemudian.", "Trump dilantik pada 20 Januari. "),
    ("He was sworn in on 20 January. Talks began later.", "He was sworn in on 20 January. "),
])
def test_a_sentence_ending_with_a_month_name_ends_there(text, first):
    """Only abbreviated months ("Feb.") keep a sentence going: a full month name ends it."""
    spans = sentence_spans(text)
    assert len(spans) == 2 and text[slice(*spans[0])] == first


def test_an_abbreviated_month_does_not_end_a_sentence():
    assert len(sentence_spans("Pertemuan pada 20 Jan. 2025 di Riyadh berlangsung singkat.")) == 1

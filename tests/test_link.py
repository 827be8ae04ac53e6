"""link.py: unique slugs, entity indexes and related coverage from inverted indexes."""

import pytest

from generator.link.digest import assign_slugs, title_collisions, count_companions, find_related, order_by_date, slugify
from generator.core.models import Article, Block, Entity, Event, EventSource, Field, Mention, Metadata, Story, TEXT


def article(file, title, mentions=(), story_date=None):
    meta = Metadata(title=Field(title, TEXT), story_date=Field(story_date, TEXT) if story_date else Field())
    blocks = (Block("paragraph", "x", 1, "p1"),)
    return Article(file, "", "0", meta, blocks,
                   mentions=tuple(Mention(e, "p1", 0, 1, e) for e in mentions))


@pytest.mark.parametrize("title, slug", [
    ("Rusia: Pertemuan Putin-Trump Perlu Diadakan Segera", "rusia-pertemuan-putin-trump-perlu-diadakan-segera"),
    ("Zürich & São Paulo", "zurich-sao-paulo"),
    ("<script>alert(1)</script>", "script-alert-1-script"),
    ("../../etc/passwd", "etc-passwd"),
], ids=["indonesian", "accents", "html", "dots"])
def test_slugify(title, slug):
    assert slugify(title) == slug


def test_colliding_titles_get_unique_stable_slugs():
    slugs = [a.slug for a in assign_slugs([article("a.txt", "Sama"), article("b.txt", "Sama"),
                                           article("c.txt", ""), article("d.txt", "index")])]
    assert slugs == ["sama", "sama-2", "c", "index-2"]


PEOPLE_AND_PLACES = (Entity("putin", "Vladimir Putin", "person"), Entity("peskov", "Dmitry Peskov", "person"),
                     Entity("jakarta", "Jakarta", "place"))


def test_related_ranks_shared_events_over_shared_names():
    a, b, c, d = assign_slugs([article("a", "A", ["putin", "peskov"]), article("b", "B", ["peskov"]),
                               article("c", "C", ["putin"]), article("d", "D", ["putin"])])
    event = Event("2025-02-12", "2025-02-12", "day", "main", "x",
                  (EventSource(a.slug, "p1", None, "A", "x"), EventSource(c.slug, "p1", None, "C", "x")))
    related = find_related([a, b, c, d], [event], entities=PEOPLE_AND_PLACES)
    # c shares the event and Putin; b shares Peskov, named by two articles only; d only Putin, named by three.
    assert [r.slug for r in related[a.slug]] == [c.slug, b.slug]
    assert ("event", "2025-02-12") in related[a.slug][0].reasons


def test_the_articles_of_the_same_story_come_first():
    a, b, c = assign_slugs([article("a", "A", ["peskov"]), article("b", "B", ["peskov"]), article("c", "C")])
    stories = (Story("cerita", "Cerita", ("a", "c"), (a.slug, c.slug)),)
    related = find_related([a, b, c], [], stories=stories, entities=PEOPLE_AND_PLACES)
    assert [(r.slug, r.reasons) for r in related[a.slug]] == [(c.slug, (("story", "cerita"),)),
                                                             (b.slug, (("entity", "peskov"),))]


def test_a_shared_place_or_a_shared_date_alone_relates_nothing():
    a, b = assign_slugs([article("a", "A", ["jakarta"]), article("b", "B", ["jakarta"])])
    event = Event("2025-02-12", "2025-02-12", "day", "main", "x",
                  (EventSource(a.slug, "p1", None, "A", "x"), EventSource(b.slug, "p1", None, "B", "x")))
    assert find_related([a, b], [event], entities=PEOPLE_AND_PLACES) == {a.slug: (), b.slug: ()}


def test_companions_count_articles_naming_both():
    companions = count_companions([article("a", "A", ["putin", "trump"]), article("b", "B", ["putin", "trump"]),
                                   article("c", "C", ["putin", "nato"])])
    assert companions["putin"] == (("trump", 2), ("nato", 1))


def test_order_newest_first_undated_last():
    ordered = order_by_date(assign_slugs([article("a", "A", story_date="2025-02-12"), article("b", "B"),
                                          article("c", "C", story_date="2025-02-13")]))
    assert [a.file for a in ordered] == ["c", "a", "b"]


def test_colliding_titles_are_reported_naming_both_files():
    articles = assign_slugs([article("a.txt", "Sama"), article("b.txt", "Sama!"), article("c.txt", "Lain")])
    assert [str(d) for d in title_collisions(articles)] == [
        "b.txt: same title as a.txt; its page is articles/sama-2/"]

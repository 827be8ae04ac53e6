"""views.py: what the listings and the entity pages show of an article."""

from __future__ import annotations

from generator.core.models import TEXT, Article, Block, Field, Mention, Metadata
from generator.render.views import entity_views, snippet

LONG = "Awal kalimat yang panjang sekali. " * 4 + "Putin bertemu Trump di Riyadh. " + "Lalu kalimat lain lagi. " * 6


def article_naming(mentions: tuple[Mention, ...]) -> Article:
    meta = Metadata(title=Field("Judul", TEXT), outlet=Field("Kompas", TEXT))
    blocks = (Block("paragraph", LONG, 1, "p1"), Block("paragraph", "Putin dan Trump.", 2, "p2"))
    return Article("a.txt", "judul", "0", meta, blocks, mentions=mentions)


def test_an_entity_named_twice_in_a_paragraph_is_shown_around_its_first_mention():
    start = LONG.index("Putin")
    trump = LONG.index("Trump")
    article = article_naming((
        Mention("trump", "p1", trump, trump + 5, "Trump"),
        Mention("putin", "p1", start, start + 5, "Putin"),
        Mention("putin", "p1", trump, trump + 5, "Trump"),  # a later mention of the same paragraph
        Mention("putin", "p2", 0, 5, "Putin"),
    ))
    views = entity_views(article)
    assert set(views) == {"putin", "trump"}
    listing, snippets = views["putin"]
    assert listing[:3] == ("judul", "Judul", "Kompas")
    assert [anchor for anchor, _ in snippets] == ["p1", "p2"]
    assert snippets == (("p1", snippet(article, "p1", "putin")), ("p2", "Putin dan Trump."))
    assert snippets[0][1].startswith("… ") and snippets[0][1].endswith(" …")
    assert snippets[0][1].index("Putin bertemu") == 2 + 90  # the first mention, with 90 characters before it
    assert views["trump"][1] == (("p1", snippet(article, "p1", "trump")),)


def test_an_article_naming_nothing_has_no_entity_views():
    assert entity_views(article_naming(())) == {}

"""Weave an article's annotations (entities, dates, quotes, glossary terms, notes) into its body.

The body is HTML (``markup.py``): paragraphs and lists with their anchors, links written with their
final URLs. Sub-headings stay Markdown headings between the HTML blocks, so that they stay in the
page's table of contents.

An entity is linked at its first mention in the article, a date's timeline entry at the first date
that leads there, a glossary term marked at its first mention (as Wikipedia links a term once);
later mentions are plain text, and a later date keeps its ``<time datetime>`` and tooltip.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import groupby
from typing import Mapping, Sequence

from markupsafe import escape

from ..core.models import Article, Block, Quote
from ..link.digest import Digest
from .escape import Markdown, escape_markdown
from .markup import escape_html, html_block, link, trusted
from .site import Site

MAX_OTHER_REPORTS = 10  # other reports of a quote linked under its paragraph; the rest are counted


@dataclass(frozen=True)
class Leaf:
    """A span of block text rendered as a link: to an entity, or to a date's timeline entry."""

    start: int
    end: int
    target: str  # page#anchor of a generated page
    title: str
    date: str | None = None  # the date (ISO, any precision) a timeline link names


@dataclass(frozen=True)
class Annotations:
    """An article's annotations grouped by the block they sit in."""

    mentions: Mapping[str, list]
    dates: Mapping[str, list]
    quotes: Mapping[str, list]
    notes: Mapping[str, list]


def group_annotations(article: Article) -> Annotations:
    """Group the mentions, dates, quotes and notes of an article by block anchor, once."""
    groups = [defaultdict(list) for _ in range(4)]
    for group, items in zip(groups, (article.mentions, article.dates, article.quotes, article.notes)):
        for item in items:
            group[item.anchor].append(item)
    return Annotations(*groups)


def render_body(site: Site, article: Article, page: str) -> Markdown:
    """Return the annotated body: HTML blocks of paragraphs and lists with stable anchors, and the
    sub-headings between them as Markdown headings."""
    weaver = Weaver(site, article, page, group_annotations(article))
    parts, run = [], []
    for kind, group in groupby(article.blocks, key=block_group):
        blocks = list(group)
        if kind.startswith("heading"):
            parts += [body_block(run), heading(blocks[0])] if run else [heading(blocks[0])]
            run = []
        elif kind.startswith("list"):
            run.append(weaver.render_list(blocks, kind == "list-ordered"))
        else:
            run.append(weaver.render_paragraph(blocks[0]))
    if run:
        parts.append(body_block(run))
    return Markdown("\n\n".join(parts))


def body_block(lines: Sequence[str]) -> Markdown:
    """Wrap consecutive blocks of the body into one HTML block."""
    return html_block('<div class="dg-body">\n' + "\n".join(lines) + "\n</div>")


def heading(block: Block) -> str:
    """Write a sub-heading as a Markdown heading with its anchor, so that it is in the page's TOC."""
    return f"## {escape_markdown(block.text)} {{ #{block.anchor} }}"


def block_group(block: Block) -> str:
    """Group consecutive list items of the same kind; every other block stands alone."""
    if block.kind == "item":
        return "list-ordered" if block.ordered else "list-bullet"
    return f"{block.kind}-{block.anchor}"


@dataclass
class Weaver:
    """Writes the blocks of one article body in reading order, remembering what it has linked."""

    site: Site
    article: Article
    page: str
    found: Annotations
    targets: set[str] = field(default_factory=set)  # entities and timeline entries linked so far
    terms: set[str] = field(default_factory=set)  # glossary terms marked so far

    def render_list(self, blocks: Sequence[Block], ordered: bool) -> str:
        """Render consecutive list items as one list, keeping their numbers."""
        tag = "ol" if ordered else "ul"
        items = []
        for block in blocks:
            number = f' value="{block.number}"' if ordered and block.number else ""
            text, _ = self.weave(block)
            items.append(f'<li id="{escape(block.anchor)}"{number}>{text}</li>')
        also = [line for block in blocks if (line := also_reported(self.site, self.article, self.page, block))]
        return "\n".join([f"<{tag}>", *items, f"</{tag}>", *also])

    def render_paragraph(self, block: Block) -> str:
        """Render a paragraph, its editor's notes (a Material annotation list) and cross-reported quotes."""
        text, notes = self.weave(block)
        css = ' class="annotate"' if notes else ""
        lines = [f'<p id="{escape(block.anchor)}"{css}>{text}</p>']
        if notes:
            lines.append("<ol>" + "".join(f"<li>{escape_html(note)}</li>" for note in notes) + "</ol>")
        if line := also_reported(self.site, self.article, self.page, block):
            lines.append(line)
        return "\n".join(lines)

    def weave(self, block: Block) -> tuple[str, list[str]]:
        """Return the block text as HTML with its annotations, and the texts of its notes in marker order."""
        quotes = sorted(self.found.quotes.get(block.anchor, ()), key=lambda q: q.start)
        leaves = pick_leaves(self.find_leaves(block), quotes)
        notes = sorted(self.found.notes.get(block.anchor, ()), key=lambda n: n.end)
        markers: dict[int, list[int]] = {}
        for number, note in enumerate(notes, 1):
            position = next((leaf.end for leaf in leaves if leaf.start < note.end < leaf.end), note.end)
            markers.setdefault(position, []).append(number)
        out, position, text = [], 0, block.text
        for quote in quotes:
            out.append(self.render_span(text, position, quote.start, leaves, markers))
            out.append(open_quote(quote))
            out.append(self.render_span(text, quote.start, quote.end, leaves, markers))
            out.append(self.close_quote(quote))
            position = quote.end
        out.append(self.render_span(text, position, len(text), leaves, markers))
        return "".join(out), [note.text for note in notes]

    def find_leaves(self, block: Block) -> list[Leaf]:
        """Collect what in a block may become a link: the first mention in it of each entity not
        linked yet, and its dates."""
        digest, leaves, seen = self.site.digest, [], set(self.targets)
        for mention in self.found.mentions.get(block.anchor, ()):
            entity = digest.entities.get(mention.entity_id)
            target = f"entities/{mention.entity_id}.md"
            if entity and target not in seen:
                seen.add(target)
                leaves.append(Leaf(mention.start, mention.end, target, entity.description or entity.name))
        anchors, timeline = digest.event_ids, digest.timeline_pages
        for date in self.found.dates.get(block.anchor, ()):
            if date.value in anchors:
                leaves.append(Leaf(date.start, date.end, timeline.target(date.value, date.value),
                                   self.site.date(date.value, date.precision), date=date.value))
        return leaves

    def render_span(self, text: str, start: int, end: int, leaves: Sequence[Leaf], markers) -> str:
        """Render text[start:end] with its leaves, and note markers after their phrase."""
        out, position = [], start
        for leaf in leaves:
            if leaf.start >= start and leaf.end <= end:
                out.append(self.plain(text, position, leaf.start, markers))
                out.append(self.render_leaf(text[leaf.start:leaf.end], leaf))
                out.append(note_markers(markers.get(leaf.end, ())))
                position = leaf.end
        out.append(self.plain(text, position, end, markers))
        return "".join(out)

    def render_leaf(self, text: str, leaf: Leaf) -> str:
        """Link a leaf whose target is not linked yet; a date stays a ``<time>`` with its tooltip."""
        label = self.site.terms.html(text, self.terms)
        if leaf.target not in self.targets:
            self.targets.add(leaf.target)
            if leaf.date:
                label = trusted(f'<time datetime="{escape(leaf.date)}">{label}</time>')
            return link(self.site.href(self.page, leaf.target), label, leaf.title)
        if leaf.date:
            return f'<time datetime="{escape(leaf.date)}" title="{escape_html(leaf.title)}">{label}</time>'
        return label

    def plain(self, text: str, start: int, end: int, markers) -> str:
        """Escape text[start:end], inserting note markers at their positions."""
        out, position = [], start
        for cut in sorted(p for p in markers if start < p <= end):
            out.append(f"{self.site.terms.html(text[position:cut], self.terms)}{note_markers(markers[cut])}")
            position = cut
        out.append(self.site.terms.html(text[position:end], self.terms))
        return "".join(out)

    def close_quote(self, quote: Quote) -> str:
        """Close a quote and name its speaker (statements only), linked if not linked yet."""
        if quote.kind != "statement":
            return "</q>"
        entity = self.site.digest.entities.get(quote.speaker_id or "")
        if entity is None:
            speaker = escape_html(quote.speaker_name or self.site.labels["unknown_speaker"])
        elif (target := f"entities/{entity.id}.md") in self.targets:
            speaker = escape_html(entity.name)
        else:
            self.targets.add(target)
            speaker = link(self.site.href(self.page, target), entity.name, entity.description)
        return f'</q> <span class="dg-speaker">— {speaker}</span>'


def other_reports(digest: Digest, article: Article, cluster: str) -> tuple[tuple[tuple[str, int], ...], int]:
    """Return the first reports of a quote cluster in other articles (slug, quote index), and how
    many more there are: a statement reprinted by hundreds of outlets would otherwise put hundreds
    of links on each of their pages."""
    others = [ref for ref in digest.clusters.get(cluster, ()) if ref[0] != article.slug]
    return tuple(others[:MAX_OTHER_REPORTS]), max(0, len(others) - MAX_OTHER_REPORTS)


def pick_leaves(leaves: list[Leaf], quotes: Sequence[Quote]) -> list[Leaf]:
    """Keep non-overlapping leaves (longest first at a position) that do not cross a quote edge."""
    edges = [edge for q in quotes for edge in (q.start, q.end)]
    kept: list[Leaf] = []
    for leaf in sorted(leaves, key=lambda l: (l.start, l.start - l.end)):
        crosses = any(leaf.start < edge < leaf.end for edge in edges)
        if not crosses and (not kept or leaf.start >= kept[-1].end):
            kept.append(leaf)
    return kept


def note_markers(numbers: Sequence[int]) -> str:
    """Return Material annotation markers for notes numbered ``numbers``."""
    return "".join(f" ({n})" for n in numbers)


def open_quote(quote: Quote) -> str:
    """Open the quotation element of a quote (its marks are the article's own, inside it)."""
    title = f' title="{escape_html(quote.attribution)}"' if quote.attribution else ""
    return f'<q class="dg-quote dg-{escape(quote.kind)}"{title}>'


def also_reported(site, article: Article, page: str, block: Block) -> str | None:
    """Link the other outlets' paragraphs that report a clustered quote of this block: the first
    few, then how many more, linked to the wordings side by side on the quotes page."""
    links = []
    for quote in article.quotes:
        if quote.anchor != block.anchor or not quote.cluster:
            continue
        shown, more = other_reports(site.digest, article, quote.cluster)
        for slug, index in shown:
            other = site.digest.by_slug[slug]
            label = other.meta.outlet.value or other.meta.title.value
            target = site.href(page, f"articles/{slug}.md#{other.quotes[index].anchor}")
            links.append(link(target, label, other.meta.title.value))
        if more:
            target = site.digest.cluster_page(site.digest.clusters[quote.cluster]) + "#" + quote.cluster
            links.append(link(site.href(page, target), site.labels["coverage_more"].format(count=more)))
    if not links:
        return None
    return f'<p class="dg-also">{escape_html(site.labels["also_reported"])}: ' + ", ".join(dict.fromkeys(links)) + "</p>"

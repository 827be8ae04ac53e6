"""Weave an article's annotations (entities, dates, quotes, notes) into its body Markdown."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import Sequence

from ..core.models import Article, Block, Quote
from ..link.digest import Digest
from .escape import Markdown, escape_attribute, escape_markdown, markdown_link
from .site import Site

MAX_OTHER_REPORTS = 10  # other reports of a quote linked under its paragraph; the rest are counted


@dataclass(frozen=True)
class Leaf:
    """A span of block text rendered as a link."""

    start: int
    end: int
    target: str
    title: str


def render_body(site: Site, article: Article, page: str) -> Markdown:
    """Return the annotated body: paragraphs, sub-headings and lists with stable anchors."""
    anchors = site.digest.event_ids
    parts = []
    for kind, group in groupby(article.blocks, key=block_group):
        blocks = list(group)
        if kind.startswith("list"):
            parts.append(render_list(site, article, page, blocks, anchors, kind == "list-ordered"))
        else:
            parts.extend(render_block(site, article, page, block, anchors) for block in blocks)
    return Markdown("\n\n".join(parts))


def block_group(block: Block) -> str:
    """Group consecutive list items of the same kind; every other block stands alone."""
    if block.kind == "item":
        return "list-ordered" if block.ordered else "list-bullet"
    return f"{block.kind}-{block.anchor}"


def render_list(site, article, page, blocks: Sequence[Block], anchors, ordered: bool) -> str:
    """Render consecutive list items as one list, keeping their numbers."""
    tag = "ol" if ordered else "ul"
    items = []
    for block in blocks:
        number = f' value="{block.number}"' if ordered and block.number else ""
        text, _ = weave(site, article, page, block, anchors)
        items.append(f'<li id="{block.anchor}"{number} markdown="span">{text}</li>')
    also = [line for block in blocks if (line := also_reported(site, article, page, block))]
    return "\n".join([f"<{tag} markdown>", *items, f"</{tag}>"] + ["", *also] * bool(also))


def render_block(site, article, page, block: Block, anchors) -> str:
    """Render a paragraph or sub-heading, its editor's notes and cross-reported quotes."""
    text, notes = weave(site, article, page, block, anchors)
    if block.kind == "heading":
        return f'<h2 id="{block.anchor}" markdown="span">{text}</h2>'
    css = ' class="annotate"' if notes else ""
    parts = [f'<p id="{block.anchor}"{css} markdown="span">{text}</p>']
    if notes:
        parts.append("\n".join(f"{n}. {escape_markdown(note)}" for n, note in enumerate(notes, 1)))
    if line := also_reported(site, article, page, block):
        parts.append(line)
    return "\n\n".join(parts)


def other_reports(digest: Digest, article: Article, cluster: str) -> tuple[tuple[tuple[str, int], ...], int]:
    """Return the first reports of a quote cluster in other articles (slug, quote index), and how
    many more there are: a statement reprinted by hundreds of outlets would otherwise put hundreds
    of links on each of their pages."""
    others = [ref for ref in digest.clusters.get(cluster, ()) if ref[0] != article.slug]
    return tuple(others[:MAX_OTHER_REPORTS]), max(0, len(others) - MAX_OTHER_REPORTS)


def weave(site, article: Article, page: str, block: Block, anchors) -> tuple[Markdown, list[str]]:
    """Return the block text with its annotations, and the texts of its notes in marker order."""
    quotes = [q for q in article.quotes if q.anchor == block.anchor]
    leaves = pick_leaves(find_leaves(site, article, page, block, anchors), quotes)
    notes = sorted((n for n in article.notes if n.anchor == block.anchor), key=lambda n: n.end)
    markers = {}
    for number, note in enumerate(notes, 1):
        position = next((leaf.end for leaf in leaves if leaf.start < note.end < leaf.end), note.end)
        markers.setdefault(position, []).append(number)
    out, position = [], 0
    for quote in sorted(quotes, key=lambda q: q.start):
        out.append(render_span(block.text, position, quote.start, leaves, markers))
        out.append(open_quote(quote))
        out.append(render_span(block.text, quote.start, quote.end, leaves, markers))
        out.append(close_quote(site, page, quote))
        position = quote.end
    out.append(render_span(block.text, position, len(block.text), leaves, markers))
    return Markdown("".join(out)), [note.text for note in notes]


def find_leaves(site, article: Article, page: str, block: Block, anchors) -> list[Leaf]:
    """Collect entity links (first mention per paragraph) and date links of a block."""
    leaves, seen = [], set()
    for mention in article.mentions:
        if mention.anchor == block.anchor and mention.entity_id not in seen:
            entity = site.digest.entities.get(mention.entity_id)
            if entity:
                seen.add(entity.id)
                target = site.link(page, f"entities/{entity.id}.md")
                leaves.append(Leaf(mention.start, mention.end, target, entity.description or entity.name))
    for date in article.dates:
        if date.anchor == block.anchor and date.value in anchors:
            target = site.link(page, site.digest.timeline_pages.target(date.value, date.value))
            leaves.append(Leaf(date.start, date.end, target, site.date(date.value, date.precision)))
    return leaves


def pick_leaves(leaves: list[Leaf], quotes: Sequence[Quote]) -> list[Leaf]:
    """Keep non-overlapping leaves (longest first at a position) that do not cross a quote edge."""
    edges = [edge for q in quotes for edge in (q.start, q.end)]
    kept: list[Leaf] = []
    for leaf in sorted(leaves, key=lambda l: (l.start, l.start - l.end)):
        crosses = any(leaf.start < edge < leaf.end for edge in edges)
        if not crosses and (not kept or leaf.start >= kept[-1].end):
            kept.append(leaf)
    return kept


def render_span(text: str, start: int, end: int, leaves: Sequence[Leaf], markers) -> str:
    """Render text[start:end] with its leaves as links and note markers after their phrase."""
    out, position = [], start
    for leaf in leaves:
        if leaf.start >= start and leaf.end <= end:
            out.append(plain(text, position, leaf.start, markers))
            out.append(markdown_link(text[leaf.start:leaf.end], leaf.target, leaf.title))
            out.append(note_markers(markers.get(leaf.end, ())))
            position = leaf.end
    out.append(plain(text, position, end, markers))
    return "".join(out)


def plain(text: str, start: int, end: int, markers) -> str:
    """Escape text[start:end], inserting note markers at their positions."""
    cuts = sorted(p for p in markers if start < p <= end and not (p == start))
    out, position = [], start
    for cut in cuts:
        out.append(escape_inline(text[position:cut]) + note_markers(markers[cut]))
        position = cut
    out.append(escape_inline(text[position:end]))
    return "".join(out)


def escape_inline(text: str) -> str:
    """Escape a piece of a paragraph, keeping its edge spaces."""
    if not text.strip():
        return " " if text else ""
    lead = " " if text[0].isspace() else ""
    tail = " " if text[-1].isspace() else ""
    return lead + escape_markdown(text) + tail


def note_markers(numbers: Sequence[int]) -> str:
    """Return Material annotation markers for notes numbered ``numbers``."""
    return "".join(f" ({n})" for n in numbers)


def open_quote(quote: Quote) -> str:
    """Open the styled span of a quote."""
    title = f' title="{escape_attribute(quote.attribution)}"' if quote.attribution else ""
    return f'<span class="dg-quote dg-{escape_attribute(quote.kind)}"{title}>'


def close_quote(site, page: str, quote: Quote) -> str:
    """Close a quote span and name its speaker (statements only)."""
    if quote.kind != "statement":
        return "</span>"
    entity = site.digest.entities.get(quote.speaker_id or "")
    if entity:
        speaker = markdown_link(entity.name, site.link(page, f"entities/{entity.id}.md"), entity.description)
    else:
        speaker = escape_markdown(quote.speaker_name or site.labels["unknown_speaker"])
    return f'</span> <span class="dg-speaker">— {speaker}</span>'


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
            target = site.link(page, f"articles/{slug}.md#{other.quotes[index].anchor}")
            links.append(markdown_link(label, target, other.meta.title.value))
        if more:
            target = site.digest.cluster_page(site.digest.clusters[quote.cluster]) + "#" + quote.cluster
            links.append(markdown_link(site.labels["coverage_more"].format(count=more), site.link(page, target)))
    if not links:
        return None
    return (f'<p class="dg-also" markdown="span">{escape_markdown(site.labels["also_reported"])}: '
            + ", ".join(dict.fromkeys(links)) + "</p>")

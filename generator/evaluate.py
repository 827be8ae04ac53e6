"""Score the pipeline against a hand-checked answer key (``python -m generator evaluate``).

A corpus folder holds ``articles/*.txt`` and ``truth.json`` (the format of ``../shared/corpus``,
described in its SCHEMA.md). The real pipeline (ingest, annotate, link; no ``entities.yml``)
runs on the articles, and each field is scored per article or per quote:

- title: the title found equals the headline (whitespace and Markdown marks ignored);
- outlet, where the text names it: the outlet found is the labelled one (compared through the
  names and aliases of ``data/outlets.yml``), over the articles with ``outlet_in_text``;
- author, where the text prints one: the author found equals it (case ignored);
- dateline: the place found equals the labelled one (case ignored), where there is one;
- no false publication date: an article labelled without a date gets none, and a dated one
  gets that day;
- page free of boilerplate: no line of any labelled boilerplate string is in the page text;
- first and last sentence kept: each labelled sentence is in the page text (a dateline cut off
  the lead counts as the page's start);
- statements found: a labelled ``direct`` quote has a found quote with the same text after
  normalising whitespace, spacing around punctuation and trailing punctuation;
- speaker found: a found statement of a labelled speaker names that person or organisation
  by any form of the name (a word of the full name, such as the surname, is enough);
- speaker by full name: the found speaker is the labelled full name exactly (case ignored);
- unnamed speaker left null: a found statement whose label names nobody has no speaker.

When the corpus folder also holds ``stories.json`` (which articles report one story), the story
grouping is scored too: pairwise and B-cubed precision, recall and F1 (``story_score``), over the
articles of the key that were read. The key may name articles outside ``articles/`` by a folder
("seeds/000_x.txt", relative to the corpus folder's parent); their seeds are read from that folder
when it exists, or from the folder given as ``seeds`` (``--with-seeds``).

Texts are compared through ``text_key``: tokenised spacing (``" Kami siap , " kata dia``) and
Markdown bold marks do not count. Each metric group is a function of the paired articles and
labels; ``METRIC_GROUPS`` lists them, so that another group (story clustering from
``stories.json``) is one more function.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Sequence

from .core.knowledge import load_outlets
from .core.models import TEXT, Article
from .ingest.outlets import find_outlet, index_outlets
from .ingest.seeds import SeedFolder, read_seed_folder
from .link.digest import Digest
from .pipeline import build_digest
from .story_score import StoryScores, file_key, read_key_paths, score_stories, within

SPACED_PUNCTUATION = re.compile(r"\s*([^\w\s])\s*")
SPLIT_CLITIC = re.compile(r"(?<=\w) (?=nya\b)")  # "tegas nya", as tokenised text writes "tegasnya"
MARKUP = re.compile(r"[*_#]+")
ESCAPE = re.compile(r"\\(?=[^\w\s])")  # a Markdown escape: "\\\"" is a quotation mark
TRAILING = re.compile(r"[\s.,;:!?…\"'“”‘’]+$")
MIN_LINE_KEY = 8  # a line of a boilerplate block this long is looked for on its own
LEADING = re.compile(r"^[\s\"'“”‘’]+")
STORY_TARGETS = {"pairwise": 0.85, "bcubed": 0.95}  # F1 to reach (issue #17)


@dataclass(frozen=True)
class Truth:
    """One article's labels from ``truth.json``."""

    file: str
    outlet: str
    outlet_in_text: bool
    title: str | None
    author: str | None
    published: str | None
    dateline: str | None
    first_sentence: str
    last_sentence: str
    boilerplate: tuple[str, ...]
    quotes: tuple[dict, ...]


@dataclass(frozen=True)
class Score:
    """One row of the table: how many of ``total`` cases were right, and each miss."""

    field: str
    label: str
    right: int
    total: int
    target: float  # the share to reach, 0..1
    misses: tuple[str, ...]

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 1.0

    @property
    def met(self) -> bool:
        return self.share >= self.target


@dataclass(frozen=True)
class StoryReport:
    """The story grouping scored against ``stories.json``, over the key's articles that were read."""

    scores: StoryScores
    key_articles: int  # articles the answer key lists
    stories: int  # stories of the key with an article read
    missing: tuple[str, ...]  # the key's articles that were not read, as the key names them

    def met(self, measure: str) -> bool:
        return getattr(self.scores, f"{measure}_f1") >= STORY_TARGETS[measure]


@dataclass(frozen=True)
class Report:
    """All rows of an evaluation, and the articles the pipeline could not build."""

    scores: tuple[Score, ...]
    skipped: tuple[str, ...]
    stories: StoryReport | None = None  # when the corpus has a stories.json

    def score(self, field: str) -> Score:
        return next(score for score in self.scores if score.field == field)


@dataclass(frozen=True)
class Pair:
    """An article as the pipeline built it (None when it was skipped) with its labels."""

    truth: Truth
    article: Article | None


# --- reading --------------------------------------------------------------------------------

def load_truth(path: Path) -> tuple[Truth, ...]:
    """Read ``truth.json`` into Truth records."""
    records = json.loads(path.read_text(encoding="utf-8"))
    return tuple(Truth(
        file=r["file"], outlet=r["outlet"], outlet_in_text=bool(r.get("outlet_in_text")),
        title=r.get("title"), author=r.get("author"), published=r.get("published"),
        dateline=r.get("dateline"), first_sentence=r.get("first_sentence") or "",
        last_sentence=r.get("last_sentence") or "", boilerplate=tuple(r.get("boilerplate") or ()),
        quotes=tuple(r.get("quotes") or ())) for r in records)


def build_corpus(corpus: Path, others: Sequence[Path] = ()) -> Digest:
    """Run the real pipeline on ``corpus/articles`` (its own editorial data only, if any) and on the
    articles of the ``others`` folders (their editorial data is left out)."""
    folder = read_seed_folder(corpus / "articles")
    for other in others:
        folder = with_articles_of(folder, read_seed_folder(other))
    return build_digest(folder)


def with_articles_of(folder: SeedFolder, other: SeedFolder) -> SeedFolder:
    """Add the seeds of another folder (a name already read keeps the first folder's article)."""
    names = {seed.name for seed in folder.seeds}
    seeds = folder.seeds + tuple(seed for seed in other.seeds if seed.name not in names)
    return replace(folder, seeds=seeds, diagnostics=folder.diagnostics + other.diagnostics)


def key_folders(corpus: Path, key: Sequence[Sequence[str]], seeds: Path | None) -> list[Path]:
    """Return the folders of the key's articles outside ``articles/``: ``seeds`` when given, else each
    folder the key names ("seeds/000_x.txt"), under the corpus folder's parent, that exists."""
    if seeds is not None:
        return [seeds]
    parent = corpus.resolve().parent
    named = sorted({name.rsplit("/", 1)[0] for group in key for name in group if "/" in name})
    folders = [(parent / name).resolve() for name in named]
    return [folder for folder in folders if folder.is_relative_to(parent) and folder.is_dir()]


def pair_articles(digest: Digest, truth: Sequence[Truth]) -> tuple[Pair, ...]:
    """Pair each label with the article built from its file."""
    built = {article.file: article for article in digest.articles}
    return tuple(Pair(label, built.get(label.file)) for label in truth)


def evaluate_corpus(corpus: Path, seeds: Path | None = None) -> Report:
    """Build the corpus and score it against its ``truth.json``, and its stories against
    ``stories.json`` when there is one (``seeds``: where the key's articles outside the corpus are)."""
    truth = load_truth(corpus / "truth.json")
    key = read_key_paths(corpus / "stories.json") if (corpus / "stories.json").is_file() else None
    digest = build_corpus(corpus, key_folders(corpus, key or (), seeds))
    report = evaluate(pair_articles(digest, truth))
    return replace(report, stories=score_story_key(digest, key)) if key is not None else report


def score_story_key(digest: Digest, key: Sequence[Sequence[str]]) -> StoryReport:
    """Score the digest's stories against the key, over the key's articles the digest holds."""
    read = {article.file for article in digest.articles}
    kept = within(key, read)
    missing = tuple(name for group in key for name in group if file_key(name) not in read)
    scores = score_stories((story.files for story in digest.stories), kept)
    return StoryReport(scores, sum(len(group) for group in key), len(kept), missing)


def evaluate(pairs: Sequence[Pair]) -> Report:
    """Score paired articles with every metric group."""
    scores = tuple(score for group in METRIC_GROUPS for score in group(pairs))
    return Report(scores, tuple(pair.truth.file for pair in pairs if pair.article is None))


# --- comparing text -------------------------------------------------------------------------

def text_key(text: str) -> str:
    """Return text for comparison: no Markdown marks, no spaces around punctuation, one space."""
    text = SPLIT_CLITIC.sub("", MARKUP.sub(" ", ESCAPE.sub("", text)))
    return " ".join(SPACED_PUNCTUATION.sub(r"\1", text).split())


def quote_key(text: str) -> str:
    """Return a quote for comparison: ``text_key`` without outer marks and trailing punctuation."""
    return text_key(TRAILING.sub("", LEADING.sub("", text)))


def name_key(name: str | None) -> str:
    """Return a name for comparison: case and spacing ignored."""
    return " ".join((name or "").casefold().split())


def page_text(article: Article) -> str:
    """Return the text a reader sees: the dateline cut off the lead, then every block."""
    datelines = [r.text for r in article.removed if r.reason == "dateline"]
    return text_key(" ".join([*datelines, *(block.text for block in article.blocks)]))


def same_outlet(found: str | None, expected: str) -> bool:
    """Tell whether two outlet names are the same outlet (one of them an alias of it)."""
    if found is None:
        return False
    index = index_outlets(load_outlets())
    known = find_outlet(found, index), find_outlet(expected, index)
    if known[0] is not None and known[1] is not None:
        return known[0].id == known[1].id
    return name_key(found) == name_key(expected)


# --- metric groups --------------------------------------------------------------------------

def count(field: str, label: str, target: float, cases: list[tuple[bool, str]]) -> Score:
    """Build a Score from (right, description of the case) pairs."""
    misses = tuple(description for right, description in cases if not right)
    return Score(field, label, len(cases) - len(misses), len(cases), target, misses)


def metadata_scores(pairs: Sequence[Pair]) -> tuple[Score, ...]:
    """Score title, outlet, author, dateline and publication date."""
    return (
        count("title", "title", 0.97, [field_case(p, "title", p.truth.title, same_title) for p in pairs]),
        count("outlet", "outlet, where the text names it", 0.95,
              [field_case(p, "outlet", p.truth.outlet, same_outlet) for p in pairs if p.truth.outlet_in_text]),
        count("author", "author, where the text prints one", 0.95,
              [field_case(p, "author", p.truth.author, same_name) for p in pairs if p.truth.author]),
        count("dateline", "dateline", 0.95,
              [field_case(p, "dateline", p.truth.dateline, same_name) for p in pairs if p.truth.dateline]),
        count("published", "no false publication date", 1.0, [published_case(p) for p in pairs]),
    )


def same_title(found: str | None, expected: str | None) -> bool:
    """Compare titles without spacing and Markdown marks; no headline means none from the text."""
    return text_key(found or "") == text_key(expected or "")


def same_name(found: str | None, expected: str | None) -> bool:
    """Compare names and places ignoring case."""
    return name_key(found) == name_key(expected)


def field_case(pair: Pair, name: str, expected, same: Callable) -> tuple[bool, str]:
    """Score one metadata field of one article."""
    if pair.article is None:
        return False, f"{pair.truth.file}: not built"
    field = getattr(pair.article.meta, name)
    found = field.value if (expected is not None or field.provenance == TEXT) else None
    right = same(found, expected) if expected is not None else found is None
    return right, f"{pair.truth.file}: {found!r}, expected {expected!r}"


def published_case(pair: Pair) -> tuple[bool, str]:
    """A labelled date must be found (its day); no label means no date read from the text."""
    if pair.article is None:
        return False, f"{pair.truth.file}: not built"
    field = pair.article.meta.published
    found = str(field.value) if field.known and field.provenance == TEXT else None
    expected = pair.truth.published
    right = found is None if expected is None else (found or "")[:10] == expected
    return right, f"{pair.truth.file}: {found!r}, expected {expected!r}"


def text_scores(pairs: Sequence[Pair]) -> tuple[Score, ...]:
    """Score boilerplate left on the page and the first and last sentences kept."""
    boilerplate, sentences = [], []
    for pair in pairs:
        page = page_text(pair.article) if pair.article else None
        left = [line for text in pair.truth.boilerplate for line in boilerplate_lines(text)
                if page is None or line in page]
        boilerplate.append((not left, f"{pair.truth.file}: " + " | ".join(line[:80] for line in left)))
        for which, sentence in (("first", pair.truth.first_sentence), ("last", pair.truth.last_sentence)):
            kept = page is not None and text_key(sentence) in page
            sentences.append((kept, f"{pair.truth.file}: {which} sentence lost: {sentence[:90]!r}"))
    return (count("boilerplate", "page free of boilerplate", 0.95, boilerplate),
            count("sentences", "first and last sentence kept", 1.0, sentences))


def boilerplate_lines(text: str) -> list[str]:
    """Return the keys to look for of one boilerplate string: the whole, and each line of several
    that is long enough to be told from article text ("---" alone may be a dash in a sentence)."""
    lines = [key for line in text.split("\n") if len(key := text_key(line)) >= MIN_LINE_KEY]
    return [text_key(text), *lines] if "\n" in text.strip() else [text_key(text)]


def quote_scores(pairs: Sequence[Pair]) -> tuple[Score, ...]:
    """Score statements found, their speakers, and unnamed speakers left null."""
    recall, found_speaker, full_name, unnamed = [], [], [], []
    for pair in pairs:
        for label, quote in align_quotes(pair):
            where = f"{pair.truth.file}: {label['text'][:60]!r}"
            speaker = label.get("speaker")
            recall.append((quote is not None, f"{where} not found"))
            name = speaker_of(quote)
            if speaker:
                found_speaker.append((same_person(name, speaker), f"{where}: {name!r}, expected {speaker!r}"))
                full_name.append((name_key(name) == name_key(speaker), f"{where}: {name!r}, expected {speaker!r}"))
            elif quote is not None:
                unnamed.append((name is None, f"{where}: {name!r}, expected None"))
    return (count("quotes", "statements found (quote recall)", 0.97, recall),
            count("speaker", "speaker found", 0.95, found_speaker),
            count("speaker_full", "speaker by full name", 0.95, full_name),
            count("speaker_null", "unnamed speaker left null", 0.95, unnamed))


def align_quotes(pair: Pair) -> list[tuple[dict, object]]:
    """Pair each labelled statement with the first unused found quote of the same text."""
    found = list(pair.article.quotes) if pair.article else []
    used: set[int] = set()
    aligned = []
    for label in pair.truth.quotes:
        if label.get("kind") != "direct":
            continue
        key = quote_key(label["text"])
        match = next((i for i, quote in enumerate(found) if i not in used and quote_key(quote.text) == key), None)
        if match is not None:
            used.add(match)
        aligned.append((label, found[match] if match is not None else None))
    return aligned


def speaker_of(quote) -> str | None:
    """Return the speaker name of a found quote (None when not found or unnamed)."""
    return quote.speaker_name if quote is not None else None


def same_person(found: str | None, expected: str) -> bool:
    """Tell whether a speaker name is a form of the expected full name (all its words in it)."""
    if not found:
        return False
    expected_words = set(name_key(expected).replace("(", " ").replace(")", " ").split())
    return name_key(found) == name_key(expected) or set(name_key(found).split()) <= expected_words


# Each group takes the paired articles and returns its rows; add a group to add rows.
METRIC_GROUPS: tuple[Callable[[Sequence[Pair]], tuple[Score, ...]], ...] = (
    metadata_scores, text_scores, quote_scores)


# --- output ---------------------------------------------------------------------------------

def format_table(report: Report, misses: bool = True) -> str:
    """Return the report as a text table, each miss on its own line under its row."""
    lines = [f"{'field':40} {'right':>9} {'share':>7} {'target':>7}"]
    for score in report.scores:
        mark = "" if score.met else "  below target"
        lines.append(f"{score.label:40} {score.right:>4}/{score.total:<4} {score.share:>7.1%} "
                     f"{score.target:>7.0%}{mark}")
    for file in report.skipped:
        lines.append(f"not built: {file}")
    if report.stories is not None:
        lines.extend(story_lines(report.stories))
    if misses:
        for score in report.scores:
            lines.extend(f"  miss [{score.field}] {miss}" for miss in score.misses)
    return "\n".join(lines)


def story_lines(stories: StoryReport) -> list[str]:
    """Return the story scores as lines a person reads: over which articles, then one line per measure."""
    scores = stories.scores
    lines = [f"stories (stories.json): {scores.articles} of {stories.key_articles} articles of the answer key "
             f"in {stories.stories} stories; {scores.true_pairs} true pairs, {scores.predicted_pairs} predicted"]
    if stories.missing:
        lines.append(f"  scored over the articles read only; not read ({len(stories.missing)}): "
                     + ", ".join(stories.missing) + " (give their folder with --with-seeds DIR)")
    for measure, label in (("pairwise", "pairwise"), ("bcubed", "B-cubed")):
        values = [getattr(scores, f"{measure}_{name}") for name in ("precision", "recall", "f1")]
        mark = "" if stories.met(measure) else "  below target"
        lines.append(f"  {label:9} precision {values[0]:.3f}  recall {values[1]:.3f}  F1 {values[2]:.3f}  "
                     f"target F1 {STORY_TARGETS[measure]:.2f}{mark}")
    return lines


def report_record(report: Report) -> dict:
    """Return the report as plain data for ``--json``."""
    return {"fields": [{"field": s.field, "label": s.label, "right": s.right, "total": s.total,
                        "share": round(s.share, 4), "target": s.target, "met": s.met,
                        "misses": list(s.misses)} for s in report.scores],
            "skipped": list(report.skipped),
            "stories": story_record(report.stories) if report.stories is not None else None}


def story_record(stories: StoryReport) -> dict:
    """Return the story scores as plain data."""
    scores = stories.scores
    record = {"articles": scores.articles, "key_articles": stories.key_articles, "stories": stories.stories,
              "missing": list(stories.missing), "true_pairs": scores.true_pairs,
              "predicted_pairs": scores.predicted_pairs}
    for measure in STORY_TARGETS:
        record[measure] = {name: round(getattr(scores, f"{measure}_{name}"), 4) for name in ("precision", "recall", "f1")}
        record[measure].update(target=STORY_TARGETS[measure], met=stories.met(measure))
    return record

"""Stories: the articles that report one event or one ongoing development (link stage).

Grouping reads what two reports of one story share and a theme does not: the rarer words of their
titles and bodies, the people and bodies they name (places never count), the same quote and the
same day, close dates and the same years. Each article's terms are weighted by how rare they are
in the digest (TF-IDF); only pairs that share a term few articles hold are compared (an inverted
index, so the work grows with the digest, never with its pairs), and average linkage joins the
pairs whose similarity passes a threshold (``grouping``, which also updates the grouping of a
preview after an edit). ``seeds/stories.yml`` then names, merges and splits stories: the editor
always wins over the automatic grouping.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from typing import Iterable, Mapping, Sequence

from ..core.memo import Memo
from ..core.models import EDITOR, TEXT, Article, Diagnostic, Entity, Story, StoryEdit, article_date
from ..core.yamlfile import line_of, load_yaml, unknown_field_message
from .events import WORD, distinctive_key
from .grouping import Profile, regroup
from .slugs import slugify

TITLE_WEIGHT = 2.0  # a word of the headline counts as this many more occurrences
ENTITY_WEIGHT = 2.0  # a person or body named in the article
ID_WORDS = 6  # words of the earliest headline that make a story's id
YEAR = re.compile(r"(?<![\d/.,])((?:19|20)\d\d)(?![\d/.,])")
STORY_FIELDS = ("id", "title", "stories", "articles")
RESERVED_IDS = frozenset({"index"})  # stories/index.md lists the stories
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


# ---------------------------------------------------------------- one article


def profile_of(article: Article, kinds: Mapping[str, str]) -> Profile:
    """Read an article's terms (words, people and bodies), years, date and exact keys.

    ``kinds`` gives the type of every entity the article mentions; places are left out.
    """
    counts: Counter = Counter()
    for block in article.blocks:
        counts.update(key for key in map(distinctive_key, WORD.findall(block.text)) if key)
    terms: Counter = Counter({key: 1 + math.log(count) for key, count in counts.items()})
    title = str(article.meta.title.value or "")
    for key in {key for key in map(distinctive_key, WORD.findall(title)) if key}:
        terms[key] += TITLE_WEIGHT
    named = Counter(m.entity_id for m in article.mentions if kinds.get(m.entity_id) not in (None, "place"))
    for entity, count in named.items():
        terms["entity:" + entity] += ENTITY_WEIGHT * (1 + math.log(count))
    years = {year for text in (title, *(b.text for b in article.blocks)) for year in YEAR.findall(text)}
    date = stated_date(article)
    if date:
        years.add(str(date.year))
    keys = {f"day:{d.value}" for d in article.dates if d.precision == "day" and d.value}
    keys |= {f"quote:{q.cluster}" for q in article.quotes if q.cluster}
    return Profile(article.file, article.slug, tuple(sorted(terms.items())), frozenset(years), date,
                   frozenset(keys))


def stated_date(article: Article) -> dt.date | None:
    """Return the story date the text or the editor states, else the publication day, else None.

    A date inferred from a day and month without a year is left out: its year is a guess.
    """
    story = article.meta.story_date
    value = story.value if story.provenance in (TEXT, EDITOR) else article.meta.published.value
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


# ---------------------------------------------------------------- stories


def group_stories(articles: Sequence[Article], entities: Sequence[Entity], edits: Sequence[StoryEdit] = (),
                  memo: Memo | None = None) -> tuple[tuple[Story, ...], tuple[Diagnostic, ...]]:
    """Group the digest's articles into stories, newest activity first; apply the editor's edits."""
    memo = memo if memo is not None else Memo()
    entities, kinds = tuple(entities), {entity.id: entity.type for entity in entities}
    profiles = tuple(story_profile(article, entities, kinds, memo) for article in articles)
    # The grouping of the last build is updated: an edit re-weighs only the terms it touched.
    previous = memo.last("story grouping")
    groups = memo.get("story grouping", profiles, lambda: regroup(previous, profiles)).groups
    by_file = {article.file: article for article in articles}
    shown = tuple((a.file, a.slug, a.meta.title.value, article_date(a)) for a in articles)  # what make_stories reads
    stories, problems = memo.get("stories", (groups, tuple(edits), shown), lambda: make_stories(groups, by_file, edits))
    # An unchanged story stays the very same object: the pages of its story are recognised by identity.
    return tuple(memo.same(("story", story.id), story) for story in stories), problems


def story_profile(article: Article, entities: tuple[Entity, ...], kinds: Mapping[str, str], memo: Memo) -> Profile:
    """Return an article's profile: the last build's while the article and the types of the
    entities it names are the same (looked up again only when some entity changed)."""
    named = memo.get(("story kinds", article.file), (article, entities),
                     lambda: tuple(kinds.get(mention.entity_id) for mention in article.mentions))
    return memo.get(("story profile", article.file), (article, named), lambda: profile_of(article, kinds))


def make_stories(groups: Sequence[Sequence[str]], by_file: Mapping[str, Article],
                 edits: Sequence[StoryEdit]) -> tuple[tuple[Story, ...], tuple[Diagnostic, ...]]:
    """Name the automatic groups, apply the editor's edits and order the stories."""
    automatic = name_groups(groups, by_file)
    named, problems = apply_edits(automatic, edits, by_file)
    stories = [make_story(story_id, title, files, by_file, edited)
               for story_id, (title, files, edited) in named.items() if files]
    return tuple(sorted(stories, key=story_order)), tuple(problems)


def name_groups(groups: Sequence[Sequence[str]], by_file: Mapping[str, Article]) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Give every automatic group an id and a title from its earliest article's headline."""

    named: dict[str, tuple[str, tuple[str, ...]]] = {}
    for files in sorted(groups, key=lambda g: earliest_key(g, by_file)):
        first = by_file[min(files, key=lambda f: article_key(by_file[f]))]
        title = str(first.meta.title.value or first.file)
        base = "-".join(slugify(title).split("-")[:ID_WORDS]) or "cerita"
        story_id, number = base, 2
        while story_id in named or story_id in RESERVED_IDS:
            story_id, number = f"{base}-{number}", number + 1
        named[story_id] = (title, tuple(files))
    return named


def article_key(article: Article) -> tuple[str, str]:
    """Order articles by the date they are filed under (undated last), then by file."""
    date = article_date(article)
    return (date or "9999", article.file)


def earliest_key(files: Sequence[str], by_file: Mapping[str, Article]) -> tuple[str, str]:
    """Order groups by their earliest article, so that ids are given in a stable order."""
    return min(article_key(by_file[f]) for f in files)


def make_story(story_id: str, title: str, files: Sequence[str], by_file: Mapping[str, Article],
               edited: bool) -> Story:
    """Make one story: its articles newest first, with the first and last day they report."""
    articles = sorted((by_file[f] for f in files), key=lambda a: (article_date(a) or "", a.file), reverse=True)
    days = sorted(day for day in map(article_date, articles) if day)
    return Story(story_id, title, tuple(a.file for a in articles), tuple(a.slug for a in articles),
                 days[0] if days else None, days[-1] if days else None, edited)


def story_order(story: Story) -> tuple:
    """Newest activity first; undated stories last, by id."""
    if story.last is None:
        return (1, "", story.id)
    return (0, "".join(chr(0x10FFFF - ord(ch)) for ch in story.last), story.id)


# ---------------------------------------------------------------- the editor's stories.yml


def parse_story_edits(text: str, file: str) -> tuple[tuple[StoryEdit, ...], tuple[Diagnostic, ...]]:
    """Parse and validate stories.yml; keep the valid entries and report every problem."""
    data, problems = load_yaml(text, file)
    if problems or data is None:
        return (), tuple(problems)
    if not isinstance(data, list):
        message = "expected a list of stories, each '- id: ..., title: ..., stories: [...], articles: [...]'"
        return (), (Diagnostic(file, message, line=line_of(data) or 1),)
    edits, problems, seen = [], [], {}
    for item in data:
        edit, item_problems = read_story_edit(item, file)
        problems += item_problems
        if edit is not None and edit.id in seen:
            problems.append(Diagnostic(file, f"duplicate id '{edit.id}': already defined at line {seen[edit.id]}",
                                       line=edit.line))
        elif edit is not None:
            seen[edit.id] = edit.line
            edits.append(edit)
    return tuple(edits), tuple(problems)


def read_story_edit(item: object, file: str) -> tuple[StoryEdit | None, list[Diagnostic]]:
    """Validate one entry of stories.yml."""
    line = line_of(item)
    if not isinstance(item, dict):
        return None, [Diagnostic(file, "each story must be a mapping with an id", line=line)]
    problems = [Diagnostic(file, unknown_field_message(key, STORY_FIELDS), line=line_of(item, key))
                for key in item if key not in STORY_FIELDS]
    story_id = item.get("id")
    if not isinstance(story_id, str) or not SLUG.fullmatch(story_id):
        problems.append(Diagnostic(file, f"field 'id': expected a slug of a-z, 0-9 and '-' such as "
                                   f"'putin-trump-summit', got {story_id!r}", line=line_of(item, "id")))
    elif story_id in RESERVED_IDS:
        problems.append(Diagnostic(file, f"field 'id': '{story_id}' is reserved (stories/{story_id}/ lists the "
                                   "stories); choose another", line=line_of(item, "id")))
    title = item.get("title")
    if title is not None and (not isinstance(title, str) or not title.strip()):
        problems.append(Diagnostic(file, "field 'title': expected text", line=line_of(item, "title")))
    lists = {}
    for key in ("stories", "articles"):
        value = item.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            problems.append(Diagnostic(file, f"field '{key}': expected a list of names such as "
                                       f"{'[dA02.txt]' if key == 'articles' else '[aksi-bela-palestina]'}",
                                       line=line_of(item, key)))
            value = []
        lists[key] = tuple(v.strip() for v in value)
    if problems:
        return None, problems
    return StoryEdit(story_id, " ".join(title.split()) if title else None, lists["stories"], lists["articles"],
                     line or 0), []


def apply_edits(automatic: Mapping[str, tuple[str, tuple[str, ...]]], edits: Sequence[StoryEdit],
                by_file: Mapping[str, Article]) -> tuple[dict[str, tuple[str, tuple[str, ...], bool]], list[Diagnostic]]:
    """Apply the editor's stories to the automatic ones: an edit takes the automatic story of its id,
    the stories it lists and the articles it lists; what is left stays as grouped."""
    file, problems = "stories.yml", []
    stories = {story_id: (title, list(files), False) for story_id, (title, files) in automatic.items()}
    owner: dict[str, str] = {}
    for edit in edits:
        for article in edit.articles:
            if article not in by_file:
                problems.append(Diagnostic(file, f"story '{edit.id}': no article '{article}' in the seeds folder",
                                           line=edit.line, severity="warning"))
            elif article in owner:
                problems.append(Diagnostic(file, f"article '{article}' is in story '{owner[article]}' and in "
                                           f"'{edit.id}'; it stays in '{owner[article]}'", line=edit.line))
            else:
                owner[article] = edit.id
    for edit in edits:
        taken = [stories.pop(edit.id)] if edit.id in stories and not stories[edit.id][2] else []
        for other in edit.stories:
            if other in stories and not stories[other][2]:
                taken.append(stories.pop(other))
            elif other != edit.id:
                problems.append(Diagnostic(file, f"story '{edit.id}': no automatic story '{other}' to merge "
                                           "(ids of automatic stories are on their pages)", line=edit.line,
                                           severity="warning"))
        files = [f for _, members, _ in taken for f in members if owner.get(f, edit.id) == edit.id]
        files += [f for f, story_id in owner.items() if story_id == edit.id and f not in files]
        title = edit.title or (taken[0][0] if taken else edit.id)
        stories[edit.id] = (title, files, True)
    for story_id, (title, files, edited) in list(stories.items()):
        if not edited:
            stories[story_id] = (title, [f for f in files if f not in owner], False)
    return {story_id: (title, tuple(files), edited) for story_id, (title, files, edited) in stories.items()}, problems


def story_groups(stories: Iterable[Story]) -> list[tuple[str, ...]]:
    """Return the article files of each story (for scoring against an answer key)."""
    return [story.files for story in stories]

"""Digest-wide years: a date without a year, in an article that gives no year at all, takes it from
the other articles of the digest (their median story date)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from statistics import median_low
from typing import Sequence

from ..annotate.dates import find_dates, infer_story_date, reference_date
from ..core.memo import Memo
from ..core.models import EDITOR, INFERRED, TEXT, Article, Field


def digest_context(articles: Sequence[Article]) -> tuple[dt.date, dt.date] | None:
    """Return the median story date of the digest, the fallback anchor of year-less dates, and the
    latest day the digest states (text or editor), beyond which no guessed year may put a date."""
    known = sorted(str(a.meta.story_date.value)[:10] for a in articles
                   if a.meta.story_date.known and len(str(a.meta.story_date.value)) >= 10)
    if not known:
        return None
    stated = [str(a.meta.story_date.value)[:10] for a in articles if a.meta.story_date.provenance in (TEXT, EDITOR)
              and len(str(a.meta.story_date.value)) >= 10]
    return dt.date.fromisoformat(median_low(known)), dt.date.fromisoformat(max(stated or known))


def resolve_digest_years(articles: Sequence[Article], memo: Memo | None = None,
                         stage: str = "years") -> tuple[Article, ...]:
    """Resolve year-less dates of articles that give no year at all from the digest's other dates.

    ``memo`` remembers each article's result under ``stage`` (one name per caller) across rebuilds.
    """
    context = digest_context(articles)
    if context is None:
        return tuple(articles)
    memo = memo if memo is not None else Memo()
    return tuple(memo.get((stage, article.file), (article, context),
                          lambda: resolve_with_context(article, context))  # noqa: B023 - called at once
                 for article in articles)


def resolve_with_context(article: Article, context: tuple[dt.date, dt.date]) -> Article:
    """Re-read an article's dates with the digest context when some stayed unresolved."""
    if all(mention.value for mention in article.dates) and article.meta.story_date.known:
        return article
    meta = article.meta
    usual, latest = context
    dates = find_dates(article.blocks, reference_date(meta.published.value), meta.language.value or "id",
                       context=usual, ceiling=latest)
    if dates == article.dates:
        return article
    story = meta.story_date
    if not story.known and story.provenance != EDITOR:
        found = infer_story_date(article.blocks, dates, meta.published.value)
        story = Field(found.value, INFERRED) if found.known else story
    return replace(article, dates=dates, meta=replace(meta, story_date=story))

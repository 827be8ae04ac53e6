"""Link: every annotated article in, one digest out; the corpus-wide steps.

In: the annotated ``Article``s and the ``Knowledge``. Out: a ``Digest`` (``digest.link``) with
unique slugs, quote clusters, timeline events (``events``), automatic entities
(``autoentities``, from each article's ``sightings`` cleaned by ``name_cleaner``), entity indexes,
related articles and the lists split by month (``paging``); and the coverage comparison
(``coverage``) as frozen dataclasses. Plain data only: render turns it into pages.
"""

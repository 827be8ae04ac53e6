"""Annotate: one ingested article in, the same article with its annotations out.

In: an ``Article`` from ingest and the ``Knowledge`` (entities, glossary, outlets). Out: the
article (``article.annotate``) with entity mentions and unknown-name candidates (``entities``),
quotes with their speakers (``quotes``; ``speakers`` gives each the full name from the article's
``cast``, reading its ``attribution`` again), dates with the story date (``dates``), cited wire
agencies and media (``sources``) and the editor's notes placed in the text. ``glossary`` parses
the glossary and finds the terms a page uses. One article at a time; nothing corpus-wide.
"""

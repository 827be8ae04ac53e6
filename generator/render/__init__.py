"""Render: the digest in, pages out; the only stage that knows about pages.

In: a ``Digest``. Out: ``(path, text)`` pages (``pages.render_site``): Markdown pages from the
Jinja2 ``templates``, whose generated structure is HTML blocks (``*.html.j2``, autoescaped), with
inline annotations, SEO front matter, the feeds and the exports; ``links.check_links`` checks
every internal link of them. No I/O. ``escape`` is the one place where text becomes Markdown,
``markup`` the one where it becomes HTML; ``theme`` holds the Material overrides that MkDocs reads.
"""

"""Render: the digest in, pages out; the only stage that knows about pages.

In: a ``Digest``. Out: ``(path, text)`` pairs (``pages.render_site``): Markdown pages from the
Jinja2 ``templates`` with inline annotations, SEO front matter, the feeds and the exports. No
I/O. ``escape`` is the one place where text becomes Markdown; ``theme`` holds the Material
overrides that MkDocs reads.
"""

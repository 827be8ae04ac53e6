"""Benchmark: synthesise a realistic corpus of N raw articles, then time every stage of the build.

``corpus`` writes the synthetic corpus; ``timing`` times the generator on it, ``previews`` the
rebuilds of a preview after each kind of edit, ``sites`` the MkDocs builds of the annotated digest
and of a plain floor site; ``children`` runs each measurement in a fresh interpreter; ``run`` is the
``bench`` command (every size, the linearity ratios) and ``report`` prints the tables.
"""

"""Ingest: seed files in, clean articles out.

In: the seeds folder (``seeds``: ``SeedFile`` bytes, sidecar and knowledge texts). Out: one
``Article`` per seed (``article``): decoded, boilerplate removed with every removed line kept on
record (``clean``), metadata with the provenance of each value (``metadata``), the editor's
sidecar overrides applied (``sidecar``). One article at a time; no annotation yet.
"""

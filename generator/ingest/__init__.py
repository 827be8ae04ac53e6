"""Ingest: seed files in, clean articles out.

In: the seeds folder (``seeds``: ``SeedFile`` bytes, sidecar and knowledge texts). Out: one
``Article`` per seed (``article``): decoded, boilerplate removed with every removed line kept on
record (``clean``, judging each line with ``lines``, taking the dateline with ``datelines``),
metadata with the provenance of each value (``metadata``, from the lines the recognisers of
``timestamps``, ``credits`` and ``outlets`` tell), the editor's sidecar overrides applied
(``sidecar``). One article at a time; no annotation yet.
"""

"""Exception hierarchy and the collector that turns problems into one report."""

from __future__ import annotations

from .models import Diagnostic


class GeneratorError(Exception):
    """A problem the editor can act on; carries one or more diagnostics."""

    def __init__(self, *diagnostics: Diagnostic):
        self.diagnostics = diagnostics
        super().__init__("\n".join(str(d) for d in diagnostics))


class SourceError(GeneratorError):
    """A seed article or its sidecar cannot be used."""


class ConfigError(GeneratorError):
    """Editorial data (entities, glossary) or configuration is invalid."""


def source_error(file: str, message: str, line: int | None = None) -> SourceError:
    """Build a SourceError for one file (and line)."""
    return SourceError(Diagnostic(file=file, message=message, line=line))

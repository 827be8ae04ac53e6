"""Annotated news digest: raw article text files in, an annotated MkDocs site out."""

__version__ = "0.1.0"

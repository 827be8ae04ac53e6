"""Core, the bottom layer: what every stage shares, and nothing that belongs to one stage.

The frozen dataclasses passed from stage to stage (``models``), the exception hierarchy
(``errors``), results remembered across rebuilds (``memo``), the packaged editorial data
(``knowledge``) and safe YAML loading for hand-edited files (``yamlfile``). Imports no other
part of the generator.
"""

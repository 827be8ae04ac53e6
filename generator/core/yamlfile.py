"""Safe YAML loading for hand-edited files: no aliases, line numbers kept for messages."""

from __future__ import annotations

import difflib

import yaml

from .models import Diagnostic


class LineDict(dict):
    """A mapping that remembers the 1-based line of itself and of each key."""

    line: int = 0
    key_lines: dict


class _NoAliasLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases, so an alias bomb cannot expand."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(
                None, None, "YAML aliases (*name) are not allowed in digest files", mark)
        return super().compose_node(parent, index)


def load_yaml(text: str, file: str) -> tuple[object, list[Diagnostic]]:
    """Parse one YAML document; return (data, []) or (None, [diagnostic])."""
    loader = None
    try:
        loader = _NoAliasLoader(text)  # the reader refuses control characters here already
        node = loader.get_single_node()
        return (to_python(node, loader) if node is not None else None), []
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        return None, [Diagnostic(file, f"invalid YAML: character {error.character:#06x} is not "
                                 "allowed (a control character)", line=line)]
    except RecursionError:
        return None, [Diagnostic(file, "invalid YAML: lists or mappings nested too deeply")]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        return None, [Diagnostic(file, f"invalid YAML: {reason}", line=line)]
    finally:
        if loader is not None:
            loader.dispose()


def to_python(node: yaml.Node, loader: yaml.SafeLoader) -> object:
    """Convert a composed node to Python objects, mappings as LineDict."""
    if isinstance(node, yaml.MappingNode):
        mapping = LineDict()
        mapping.line, mapping.key_lines = node.start_mark.line + 1, {}
        for key_node, value_node in node.value:
            key = to_python(key_node, loader)
            key = key if isinstance(key, (str, int, float, bool)) or key is None else str(key)
            if key in mapping:
                # PyYAML keeps the last of two equal keys; an editor means one of them.
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key '{key}' (first on line {mapping.key_lines[key]})",
                    key_node.start_mark)
            mapping[key] = to_python(value_node, loader)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping
    if isinstance(node, yaml.SequenceNode):
        return [to_python(item, loader) for item in node.value]
    try:
        return loader.construct_object(node, deep=True)
    except yaml.YAMLError:
        raise
    except Exception as error:  # noqa: BLE001 - "2025-02-30", "!!timestamp" with no value, ...
        kind = node.tag.rsplit(":", 1)[-1]
        detail = f" ({error})" if isinstance(error, ValueError) and str(error) else ""
        raise yaml.constructor.ConstructorError(
            None, None, f"'{node.value}' is not a valid {kind}{detail}", node.start_mark) from None


def line_of(mapping: object, key: object = None) -> int | None:
    """Return the line of ``key`` in ``mapping`` (or of the mapping itself)."""
    if not isinstance(mapping, LineDict):
        return None
    return mapping.key_lines.get(key, mapping.line) if key is not None else mapping.line


def unknown_field_message(field: str, allowed: set[str] | tuple[str, ...]) -> str:
    """Say a field is unknown, suggesting the closest allowed one."""
    close = difflib.get_close_matches(str(field), sorted(allowed), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else f"; allowed: {', '.join(sorted(allowed))}"
    return f"unknown field '{field}'{hint}"

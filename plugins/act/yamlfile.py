"""The one way ACT reads YAML: safely, with the line of every key, and problems, not crashes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from act.problems import Problem

MAX_FILE_BYTES = 2_000_000


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, so the schema can explain a bad date instead of
    PyYAML raising on `2026-13-45`."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_FastLoader: type[yaml.CSafeLoader] | None = None
if yaml.__with_libyaml__:

    class _LibYamlLoader(yaml.CSafeLoader):
        """The same loader on LibYAML's parser: about ten times faster, which matters with
        thousands of content files. Used only for YAML that parses; anything wrong is parsed
        again by _Loader, so problems are reported exactly as before."""

    _LibYamlLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
    _FastLoader = _LibYamlLoader

Path_ = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """Parsed YAML plus the 1-based line where each key or list item starts."""

    value: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    first_line: int = 1

    def line_of(self, path: Path_) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, self.first_line)


def read_text(path: Path, shown_as: str) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 file (a BOM is fine); an unreadable file becomes a problem."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [
                Problem(
                    shown_as,
                    1,
                    "",
                    f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit",
                    "split it up, or move large media out of content/",
                )
            ]
        raw = path.read_bytes()
    except OSError as err:
        return None, [Problem(shown_as, 1, "", f"cannot read the file: {err.strerror}")]
    try:
        text = raw.decode("utf-8-sig")
        # Old Mac line endings (CR alone): read as lines, as Markdown does.
        return (text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text), []
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        return None, [
            Problem(
                shown_as,
                line,
                "",
                f"not valid UTF-8 text (byte {raw[err.start]:#04x} at offset {err.start})",
                "save the file as UTF-8 in your editor",
            )
        ]


def parse_yaml(
    text: str, shown_as: str, first_line: int = 1
) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one YAML document. `first_line` is the file line where `text` starts."""
    parsed = _parse_fast(text)
    if parsed is not None:
        node, value = parsed
        return _document(node, value, shown_as, first_line)
    loader = None
    try:
        loader = _Loader(text)  # its reader rejects control characters at once
        node = loader.get_single_node()
        value = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        if err.context_mark and "quoted scalar" in (err.context or ""):
            mark = err.context_mark  # where the quote that is never closed opens
        line = first_line + (mark.line if mark else 0)
        return None, [
            Problem(
                shown_as,
                line,
                "",
                f"malformed YAML: {err.problem or err.context}",
                _yaml_hint(str(err)),
            )
        ]
    except yaml.reader.ReaderError as err:
        return None, [
            Problem(
                shown_as,
                first_line + text.count("\n", 0, err.position),
                "",
                f"character {err.character:#06x} is not allowed in YAML",
                "remove control characters; save the file as plain UTF-8 text",
            )
        ]
    except yaml.YAMLError as err:
        return None, [
            Problem(shown_as, first_line, "", f"malformed YAML: {err}", "check the YAML syntax")
        ]
    except RecursionError:
        return None, [
            Problem(
                shown_as,
                first_line + _deep_line(text),
                "",
                f"the YAML here is nested more than {MAX_DEPTH} levels deep",
                f"flatten it: lists and mappings inside each other stay under {MAX_DEPTH} levels",
            )
        ]
    finally:
        if loader is not None:
            loader.dispose()
    return _document(node, value, shown_as, first_line)


def _parse_fast(text: str) -> tuple[yaml.Node | None, Any] | None:
    """(node, value) from LibYAML, or None if it is unavailable or the YAML has any error."""
    if _FastLoader is None:
        return None
    try:
        loader = _FastLoader(text)
    except Exception:
        return None
    try:
        node = loader.get_single_node()
        if node is not None and _deeper_than(node, MAX_DEPTH):
            return node, None  # never constructed (that recurses): _record_lines reports it
        return node, loader.construct_document(node) if node is not None else None
    except Exception:  # reported precisely by the pure-Python parse
        return None
    finally:
        loader.dispose()


def _deep_line(text: str) -> int:
    """The line (from 0) where LibYAML gives up on YAML nested too deeply, or 0."""
    if _FastLoader is None:
        return 0
    loader = _FastLoader(text)
    try:
        loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        return err.problem_mark.line if err.problem_mark else 0
    except Exception:
        return 0
    finally:
        loader.dispose()
    return 0


def _deeper_than(node: yaml.Node, limit: int) -> bool:
    """Whether lists and mappings nest more than `limit` levels below `node` (no recursion)."""
    seen: set[int] = set()
    todo = [(node, 0)]
    while todo:
        node, depth = todo.pop()
        if id(node) in seen or isinstance(node, yaml.ScalarNode):
            continue
        seen.add(id(node))
        if depth >= limit and node.value:
            return True
        for item in node.value:
            todo.extend(
                (part, depth + 1) for part in (item if isinstance(item, tuple) else (item,))
            )
    return False


def _document(
    node: yaml.Node | None, value: Any, shown_as: str, first_line: int
) -> tuple[YamlDocument | None, list[Problem]]:
    doc = YamlDocument(value, first_line=first_line)
    problems: list[Problem] = []
    if node is not None and not _record_lines(node, doc, first_line, shown_as, problems):
        return None, problems
    return doc, problems


# Deeper than any front matter or data file needs; Python's own limit on recursion (about
# 1,000 calls, fewer inside a build) is what the YAML constructor meets first.
MAX_DEPTH = 50


def _record_lines(
    node: yaml.Node, doc: YamlDocument, offset: int, shown_as: str, problems: list[Problem]
) -> bool:
    """Record the line of every key and item, and duplicate keys, without recursion. False,
    with a problem at its line, if the YAML nests deeper than MAX_DEPTH."""
    # Aliases share nodes: visit each once, so recursive or exponential aliases stay cheap.
    seen_nodes: set[int] = set()
    todo: list[tuple[yaml.Node, Path_]] = [(node, ())]
    while todo:
        node, path = todo.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        doc.lines.setdefault(path, offset + node.start_mark.line)
        children: list[tuple[yaml.Node, Path_]] = []
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
                line = offset + key_node.start_mark.line
                # A merge key (`<<: *base`) brings in keys written elsewhere, which this
                # mapping's own keys override, as YAML says: only two of its own keys are a
                # duplicate.
                own = node.start_mark.index <= key_node.start_mark.index <= node.end_mark.index
                if key in seen and own:
                    problems.append(
                        Problem(
                            shown_as,
                            line,
                            dotted(path + (key,)),
                            "this key appears twice; the second one would win",
                            "keep one of them",
                        )
                    )
                if own:
                    seen.add(key)
                doc.lines[path + (key,)] = line
                children.append((value_node, path + (key,)))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                doc.lines[path + (index,)] = offset + item.start_mark.line
                children.append((item, path + (index,)))
        if children and len(path) >= MAX_DEPTH:
            problems.append(
                Problem(
                    shown_as,
                    offset + node.start_mark.line,
                    dotted(path[:1]),
                    f"the YAML here is nested more than {MAX_DEPTH} levels deep",
                    f"flatten it: lists and mappings inside each other stay under {MAX_DEPTH} "
                    "levels",
                )
            )
            return False
        todo.extend(reversed(children))
    return True


def yaml_scalar(value: Any) -> str:
    """A key that is not text, as YAML writes it: None -> 'null', True -> 'true'."""
    return yaml.safe_dump(value, default_flow_style=True).removesuffix("\n...\n").strip()


def dotted(path: Path_) -> str:
    """('sources', 1, 'url') -> 'sources[1].url'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _yaml_hint(message: str) -> str:
    if "'\\t'" in message or "\\t" in message:
        return "YAML does not allow tabs for indentation: use spaces"
    if "mapping values are not allowed" in message:
        return "put text that contains ': ' in quotes"
    if "could not find expected ':'" in message or "expected <block end>" in message:
        return "check the indentation of this line and the one above"
    if "found undefined alias" in message:
        return "remove the '*' or put the text in quotes"
    if "quoted scalar" in message:
        return "close the quote on this line, or remove it"
    if "could not determine a constructor" in message:
        return "remove the '!' tag: ACT reads plain YAML (text, numbers, lists, mappings)"
    if "expected <block end>, but found" in message:
        return "check the indentation, and that every quote on the lines above is closed"
    return "check the indentation, and put text with special characters (: # [ ] { }) in quotes"

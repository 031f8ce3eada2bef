"""The `act` package's imports, read from its source (ast): no module imports one that imports
it back (directly or round a longer loop), and no import runs back up the layers below.

Imports made only for the type checker (`if TYPE_CHECKING:`) count too: a loop through one
still means neither module can be understood, or moved, without the other.
"""

from __future__ import annotations

import ast
from pathlib import Path

from support import ROOT

PACKAGE = ROOT / "plugins" / "act"

# The layers, lowest first: a module may import from its own layer and those below it, never
# from one above. A name stands for that module or package and everything in it; the longest
# name that matches a module decides its layer. A new module or package gets a line here.
LAYERS: tuple[tuple[str, ...], ...] = (
    # The ground: problems and words, YAML with lines, the schema language, data files and
    # taxonomies, the repository's files, generated pages, our Markdown extension, and the
    # site's own facts (name, address, licence) every writer is handed.
    (
        "act.problems",
        "act.wording",
        "act.characters",
        "act.yamlfile",
        "act.schema",
        "act.jsontext",
        "act.builddate",
        "act.cli_options",
        "act.datafiles",
        "act.taxonomies",
        "act.collections",
        "act.repository",
        "act.generated",
        "act.markdown",
        "act.publishing.site",
    ),
    # Reading a page's text: front matter, the body's HTML, links, anchors, limits and prose.
    (
        "act.content.body",
        "act.content.ids",
        "act.content.frontmatter",
        "act.content.limits",
        "act.content.prose",
    ),
    # The ground floor of the content types: the listing language, then the shared fields
    # and the Entry base.
    ("act.listing",),
    ("act.entry",),
    # What entries are published with (one thing each: JSON-LD, iCalendar) and the numbers.
    ("act.publishing", "act.numbers", "act.plans"),
    ("act.catalogue",),
    # One module per content type, and the registry.
    ("act.types",),
    # What reads the types: the check of each file, `act new`, the reference, templates'
    # words, search facets; and beside them what reads no type: offline, `act links`.
    ("act.content", "act.templates", "act.search", "act.offline", "act.links"),
    # The Get help directory (its data travels beside the catalogue, not on it).
    ("act.charities",),
    # The web editor's configuration; listings, feeds and open data; the police force areas.
    ("act.editor", "act.listings", "act.areas"),
    # The whole site: its addresses, then the whole check.
    ("act.addresses",),
    ("act.check",),
    ("act.report",),
    # The adapters: the `act` command and the MkDocs plugins.
    ("act.cli", "act.mkdocs"),
)


def module_names() -> dict[str, Path]:
    """Every module of the package by its dotted name (a package by its own name)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The act modules `name` imports (`from act.x import y` is act.x.y when that is a
    module, else act.x), wherever the import is: top level, a function, TYPE_CHECKING."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "act"}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            if base.split(".")[0] != "act":
                continue
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.add(full if full in modules else base)
    return {m for m in found if m in modules and m != name}


def import_graph() -> dict[str, set[str]]:
    modules = module_names()
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import loops: each set of modules that reach one another, sorted (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    loops = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph.get(module, ())):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            loop = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                loop.append(member)
                if member == module:
                    break
            if len(loop) > 1:
                loops.append(sorted(loop))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return sorted(loops)


def layer_of(module: str) -> int | None:
    """The layer of the longest name in LAYERS that is `module` or a package holding it."""
    matches = [
        (len(name), number)
        for number, names in enumerate(LAYERS)
        for name in names
        if module == name or module.startswith(name + ".")
    ]
    return max(matches)[1] if matches else None


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    """Each import of a module from a layer above its own, as 'importer -> imported'."""
    return sorted(
        f"{module} -> {imported}"
        for module, imported_ones in graph.items()
        for imported in imported_ones
        if (layer_of(module) or 0) < (layer_of(imported) or 0)
    )


def test_every_module_has_a_layer():
    unplaced = sorted(m for m in import_graph() if m != "act" and layer_of(m) is None)
    assert not unplaced, f"give these a layer in LAYERS (tests/unit/test_imports.py): {unplaced}"


def test_no_import_cycle():
    found = cycles(import_graph())
    assert not found, "modules that import one another, round a loop:\n" + "\n".join(
        " <-> ".join(loop) for loop in found
    )


def test_no_import_runs_back_up_the_layers():
    found = upward_imports(import_graph())
    assert not found, "imports of a layer above (see LAYERS):\n" + "\n".join(found)


def test_the_reader_sees_every_kind_of_import(tmp_path):
    """The graph holds top-level, function-level and type-checking imports, and a loop
    through a TYPE_CHECKING import is found."""
    (tmp_path / "act").mkdir()
    (tmp_path / "act" / "__init__.py").write_text("")
    (tmp_path / "act" / "a.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from act.b import B\n"
    )
    (tmp_path / "act" / "b.py").write_text("def f():\n    from act import a\n")
    modules = {
        "act": tmp_path / "act" / "__init__.py",
        "act.a": tmp_path / "act" / "a.py",
        "act.b": tmp_path / "act" / "b.py",
    }
    graph = {name: imports_of(name, path, modules) for name, path in modules.items()}
    assert graph == {"act": set(), "act.a": {"act.b"}, "act.b": {"act.a"}}
    assert cycles(graph) == [["act.a", "act.b"]]

"""The house's imports point one way: no module imports, directly or round about, a module
that imports it; and imports sit at the top of modules, where a reader looks for them.

Read from the source with `ast`, so the check sees what `import` statements say, not what
happened to be imported first when the suite ran.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "caseboard"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, ast.Module]:
    return {
        _module_name(path): ast.parse(path.read_text(), filename=str(path))
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def _is_type_checking(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _top_level_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Imports that run when the module is imported: its body, and blocks at that level other
    than `if TYPE_CHECKING:` (those never run)."""
    found: list[ast.Import | ast.ImportFrom] = []
    pending = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        elif isinstance(node, ast.If | ast.Try) and not _is_type_checking(node):
            pending.extend(ast.iter_child_nodes(node))
    return found


def _targets(node: ast.Import | ast.ImportFrom, known: set[str]) -> set[str]:
    """The project's modules an import statement loads."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names if alias.name in known}
    base = node.module or ""
    targets = set()
    for alias in node.names:
        submodule = f"{base}.{alias.name}"
        if submodule in known:
            targets.add(submodule)
        elif base in known and base != "caseboard":  # the package's __init__ is create_app
            targets.add(base)
    return targets


def _import_graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {
        name: set().union(*(_targets(node, known) for node in _top_level_imports(tree))) - {name}
        for name, tree in modules.items()
    }


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(name: str) -> None:
        index[name] = lowest[name] = len(index)
        stack.append(name)
        on_stack.add(name)
        for target in sorted(graph.get(name, ())):
            if target not in index:
                visit(target)
                lowest[name] = min(lowest[name], lowest[target])
            elif target in on_stack:
                lowest[name] = min(lowest[name], index[target])
        if lowest[name] == index[name]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == name:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return circles


def test_the_circle_finder_finds_a_circle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _circles(graph) == [["a", "b", "c"]]


def test_no_module_imports_its_way_back_to_itself():
    circles = _circles(_import_graph())
    assert circles == [], "modules that import each other: " + "; ".join(
        " <-> ".join(circle) for circle in circles
    )


def _commented(lines: list[str], node: ast.stmt) -> bool:
    """A comment on the import's line or the line above says why it is there."""
    above = lines[node.lineno - 2].strip() if node.lineno > 1 else ""
    comment = lines[node.lineno - 1].partition("#")[2].strip()
    return above.startswith("#") or bool(comment and not comment.startswith("noqa"))


def _is_cli_command(function: ast.FunctionDef) -> bool:
    return any("command" in ast.unparse(decorator) for decorator in function.decorator_list)


def test_imports_sit_at_the_top_of_modules():
    """Outside create_app and CLI commands, a function that imports says why in a comment."""
    hidden = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text()
        lines = source.splitlines()
        for function in ast.walk(ast.parse(source)):
            if not isinstance(function, ast.FunctionDef):
                continue
            if function.name == "create_app" or _is_cli_command(function):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom) and not _commented(lines, node):
                    hidden.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    assert hidden == [], "imports inside functions, with no comment saying why: " + ", ".join(
        hidden
    )

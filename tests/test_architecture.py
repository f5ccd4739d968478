"""The package layout is the architecture: the engine stands alone, the linter needs no site."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "guidance"


def imported_modules(package: str, root: Path = PACKAGE) -> dict[str, set[str]]:
    """Every module each file of `package` imports, read from the source (nothing is executed)."""
    found: dict[str, set[str]] = {}
    for path in sorted((root / package).rglob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
        found[path.relative_to(root).as_posix()] = names
    return found


def offending(package: str, forbidden: tuple[str, ...], root: Path = PACKAGE) -> list[str]:
    return [
        f"{file} imports {name}"
        for file, names in imported_modules(package, root).items()
        for name in sorted(names)
        if any(name == banned or name.startswith(banned + ".") for banned in forbidden)
    ]


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("engine", ("mkdocs", "jinja2", "guidance.site", "guidance.lint", "guidance.report",
                    "guidance.cli")),
        ("lint", ("mkdocs", "guidance.site", "guidance.report")),
        ("report", ("mkdocs", "guidance.site")),
    ],
)
def test_package_imports_stay_inside_their_layer(package: str, forbidden: tuple[str, ...]) -> None:
    assert offending(package, forbidden) == []


def test_the_boundary_check_sees_a_forbidden_import(tmp_path: Path) -> None:
    fake = tmp_path / "guidance" / "engine"
    fake.mkdir(parents=True)
    (fake / "leaky.py").write_text(
        "from mkdocs.plugins import BasePlugin\nimport guidance.site.build\n")
    assert offending("engine", ("mkdocs", "guidance.site"), tmp_path / "guidance") == [
        "engine/leaky.py imports guidance.site.build",
        "engine/leaky.py imports mkdocs.plugins",
        "engine/leaky.py imports mkdocs.plugins.BasePlugin",
    ]


def test_the_markdown_extension_needs_only_the_engine() -> None:
    """`guidance.markdown` runs inside any Python-Markdown tool: nothing of MkDocs or the site."""
    names = imported_modules(".")["markdown.py"]
    ours = {name for name in names if name.startswith("guidance")}
    assert all(name.startswith("guidance.engine") for name in ours)
    assert not {name.split(".")[0] for name in names} & {"mkdocs", "jinja2", "zensical"}

"""The CI the project ships and documents: actions on their current majors, and no step that
hides a lint that could not run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The current major of each action the workflows and the docs use (checked December 2026).
CURRENT = {
    "actions/checkout": 7,
    "actions/setup-python": 7,
    "actions/setup-node": 7,
    "actions/upload-artifact": 7,
    "actions/download-artifact": 8,
    "github/codeql-action/upload-sarif": 4,
}
USES = re.compile(r"uses:\s*([\w./-]+)@v(\d+)")
FILES = sorted([*ROOT.glob(".github/workflows/*.yml"), ROOT / "LINTING.md", ROOT / "README.md"])


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_every_action_is_on_its_current_major(path: Path) -> None:
    used = USES.findall(path.read_text(encoding="utf-8"))
    assert [(action, int(major)) for action, major in used
            if int(major) < CURRENT.get(action, 0) or action not in CURRENT] == []


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_no_lint_step_hides_its_exit_status(path: Path) -> None:
    lint_lines = [line for line in path.read_text(encoding="utf-8").splitlines()
                  if "guidance lint" in line]
    assert not [line for line in lint_lines if "|| true" in line]


def test_the_sarif_example_uses_exit_zero_and_names_the_permissions() -> None:
    guide = (ROOT / "LINTING.md").read_text(encoding="utf-8")
    assert "guidance lint --format sarif --exit-zero > lint.sarif" in guide
    assert "security-events: write" in guide and "actions: read" in guide

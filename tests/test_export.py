"""`guidance export --audience ID --out DIR`: one audience's docs and mkdocs.yml, rewritten.

Project: tests/fixtures/site (practitioners are the source; childminders say "childminder" and
"safeguarding meeting"; a police-only section in guide/sharing.md).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

FIXTURE = Path(__file__).parent / "fixtures" / "site"


def guidance(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "guidance.cli", *args], cwd=project,
                          capture_output=True, text=True, timeout=60)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project, ignore=shutil.ignore_patterns("site", ".site.*"))
    (project / "docs/logo.svg").write_text("<svg/>")
    return project


def test_pages_are_written_as_the_audience_reads_them(project: Path) -> None:
    result = guidance(project, "export", "--audience", "childminders", "--out", "out")
    assert result.returncode == 0, result.stderr
    sharing = (project / "out/docs/guide/sharing.md").read_text("utf-8")
    assert sharing.startswith("---\ndescription: How a childminder decides")
    assert "## When a childminder should share" in sharing
    assert "Police powers" not in sharing and "<!--" not in sharing
    assert (project / "out/docs/logo.svg").read_text() == "<svg/>"


def test_the_config_has_the_audiences_names_and_the_plugin_switched_off(project: Path) -> None:
    assert guidance(project, "export", "--audience", "childminders", "--out", "out").returncode == 0
    config = yaml.safe_load((project / "out/mkdocs.yml").read_text("utf-8"))
    assert config["site_name"] == "Advice for childminders"
    assert config["nav"][1] == {"Sharing information": [
        {"When a childminder shares": "guide/sharing.md"}, "guide/meetings.md"]}
    assert config["plugins"] == ["search", {"audiences": {"enabled": False}}]
    assert config["docs_dir"] == "docs"


def test_tags_in_the_config_are_written_back_as_they_were(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + (
        "extra:\n  analytics: !ENV [ANALYTICS, none]\n"
        "  format: !!python/name:pymdownx.superfences.fence_code_format\n"))
    assert guidance(project, "export", "--audience", "police", "--out", "out").returncode == 0
    written = (project / "out/mkdocs.yml").read_text()
    assert "analytics: !ENV\n  - ANALYTICS\n  - none" in written
    assert "format: !!python/name:pymdownx.superfences.fence_code_format ''" in written


def test_an_earlier_export_is_replaced_whole(project: Path) -> None:
    assert guidance(project, "export", "--audience", "police", "--out", "out").returncode == 0
    (project / "docs/guide/meetings.md").unlink()
    assert guidance(project, "export", "--audience", "childminders", "--out", "out").returncode == 0
    assert not (project / "out/docs/guide/meetings.md").exists()
    assert "police officer" not in (project / "out/docs/index.md").read_text("utf-8")


def test_a_folder_it_did_not_write_is_refused_and_left_alone(project: Path) -> None:
    (project / "notes").mkdir()
    (project / "notes/mine.txt").write_text("keep me")
    result = guidance(project, "export", "--audience", "police", "--out", "notes")
    assert result.returncode == 2
    assert result.stderr.startswith("guidance: notes already holds files")
    assert "Fix:" in result.stderr and "Traceback" not in result.stderr
    assert [p.name for p in (project / "notes").iterdir()] == ["mine.txt"]


def test_the_docs_folder_is_never_a_target(project: Path) -> None:
    result = guidance(project, "export", "--audience", "police", "--out", "docs/police")
    assert result.returncode == 2
    assert "inside its docs folder" in result.stderr
    assert not (project / "docs/police").exists()


def test_a_region_mistake_writes_nothing_and_names_file_and_line(project: Path) -> None:
    page = project / "docs/index.md"
    page.write_text(page.read_text("utf-8") + "\n<!-- audience: police -->\nOpen.\n")
    result = guidance(project, "export", "--audience", "police", "--out", "out")
    assert result.returncode == 2
    assert "docs/index.md:7" in result.stderr
    assert not (project / "out").exists()

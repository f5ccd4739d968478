"""`guidance combine` replaces only what a build wrote, copies only what a build wrote, and joins
only shards built from the same sources."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .test_site_build import EPOCH, copy_project, guidance, mkdocs_build, tree

SHARDS = ["shards/police", "shards/rest"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project built as two shards, as two CI jobs would."""
    project = copy_project(tmp_path_factory.mktemp("combine") / "project")
    for name, audiences in {"police": "police", "rest": "practitioners,childminders"}.items():
        result = mkdocs_build(project, "-d", f"shards/{name}", GUIDANCE_SHARD=audiences, **EPOCH)
        assert result.returncode == 0, result.stderr
    return project


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(built, tmp_path / "project", symlinks=True))


def test_combine_into_the_project_folder_is_refused_and_deletes_nothing(project: Path) -> None:
    before = tree(project)
    result = guidance(project, "combine", *SHARDS, "--out", ".")
    assert result.returncode == 2
    assert "is not a site written by `mkdocs build` or `guidance combine`" in result.stderr
    assert "combine will not replace it" in result.stderr and "Traceback" not in result.stderr
    assert tree(project) == before


def test_combine_into_a_folder_of_pages_is_refused(project: Path) -> None:
    before = tree(project / "docs")
    result = guidance(project, "combine", *SHARDS, "--out", "docs")
    assert result.returncode == 2
    assert "guidance: docs: this folder holds guide, index.md" in result.stderr
    assert tree(project / "docs") == before


def test_combine_replaces_a_site_a_build_wrote(project: Path) -> None:
    assert mkdocs_build(project, **EPOCH).returncode == 0
    (project / "site/stale.html").write_text("from an older build")
    result = guidance(project, "combine", *SHARDS, "--out", "site")
    assert result.returncode == 0, result.stderr
    assert not (project / "site/stale.html").exists()
    assert (project / "site/police/index.html").is_file()


def test_combine_writes_into_a_checkout_holding_only_dotfiles_and_keeps_them(
    project: Path,
) -> None:
    (project / "site/.git").mkdir(parents=True)
    (project / "site/.git/HEAD").write_text("ref: refs/heads/gh-pages\n")
    result = guidance(project, "combine", *SHARDS, "--out", "site")
    assert result.returncode == 0, result.stderr
    assert (project / "site/.git/HEAD").is_file() and (project / "site/index.html").is_file()


def test_a_symbolic_link_in_a_shard_is_refused_naming_it(project: Path) -> None:
    link = project / "shards/police/police/secrets.txt"
    link.symlink_to("/etc/hostname")
    result = guidance(project, "combine", *SHARDS, "--out", "site")
    assert result.returncode == 2
    assert "shards/police/police/secrets.txt: is a symbolic link (to /etc/hostname)" in (
        result.stderr)
    assert not (project / "site").exists()


def test_shards_built_from_different_sources_are_refused(project: Path) -> None:
    page = project / "docs/guide/meetings.md"
    page.write_text(page.read_text("utf-8") + "\nA line added between the two jobs.\n")
    shutil.rmtree(project / "shards/rest")
    result = mkdocs_build(project, "-d", "shards/rest",
                          GUIDANCE_SHARD="practitioners,childminders", **EPOCH)
    assert result.returncode == 0, result.stderr
    result = guidance(project, "combine", *SHARDS, "--out", "site")
    assert result.returncode == 2
    assert ("shards/rest: this shard was built from different pages, glossary or mkdocs.yml "
            "than shards/police") in result.stderr
    assert not (project / "site").exists()

"""Publishing site/: what a build keeps, where it writes, and what a kill at any moment leaves.

Kills are real: GUIDANCE_FAULT makes the build kill itself (SIGKILL) at a named point of the
swap, and the worker test kills a running build from outside.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from guidance.site.provenance import read_record
from guidance.site.staging import Staging

from .test_site_build import copy_project, mkdocs_build, tree

KILLED = -signal.SIGKILL


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The fixture project, built once, its site/ a git checkout (as for GitHub Pages)."""
    project = copy_project(tmp_path / "project")
    assert mkdocs_build(project).returncode == 0
    (project / "site/.git").mkdir()
    (project / "site/.git/HEAD").write_text("ref: refs/heads/gh-pages\n")
    (project / "site/.nojekyll").write_text("")
    return project


def edit_page(project: Path) -> None:
    page = project / "docs/guide/meetings.md"
    page.write_text(page.read_text("utf-8") + "\nA new line for every practitioner.\n")


def has_new_line(site: Path) -> bool:
    page = site / "childminders/guide/meetings/index.html"
    return "A new line for every childminder." in page.read_text("utf-8")


def break_a_page(project: Path) -> None:
    """A mistake found after the build has set up its work folder (an unclosed region)."""
    page = project / "docs/guide/sharing.md"
    page.write_text(page.read_text("utf-8") + "\n<!-- audience: police -->\nNever closed.\n")


def dotfiles(site: Path) -> list[str]:
    return sorted(p.name for p in site.iterdir() if p.name.startswith("."))


def test_a_build_keeps_the_dotfiles_of_the_site_it_replaces(project: Path) -> None:
    edit_page(project)
    assert mkdocs_build(project).returncode == 0
    site = project / "site"
    assert has_new_line(site)
    assert dotfiles(site) == [".git", ".guidance-site.json", ".nojekyll"]
    assert (site / ".git/HEAD").read_text() == "ref: refs/heads/gh-pages\n"


def test_a_symbolic_link_site_keeps_pointing_at_its_updated_target(project: Path) -> None:
    target = project / "published"
    (project / "site").rename(target)
    (project / "site").symlink_to("published")
    edit_page(project)
    assert mkdocs_build(project).returncode == 0
    assert (project / "site").is_symlink() and os.readlink(project / "site") == "published"
    assert has_new_line(target) and (target / ".git/HEAD").is_file()
    assert not list(project.glob(".site.*")) and not list(project.glob(".published.building-*"))


@pytest.mark.parametrize("point", ["before-swap", "after-swap", "between-renames"])
def test_a_kill_during_the_swap_loses_nothing_and_the_next_failed_build_keeps_the_site(
    project: Path, point: str,
) -> None:
    before = tree(project / "site")
    edit_page(project)
    killed = mkdocs_build(project, GUIDANCE_FAULT=point)
    assert killed.returncode == KILLED, killed.stderr
    if point != "between-renames":  # only where the system cannot swap in one step
        assert (project / "site/index.html").is_file()
    break_a_page(project)
    failed = mkdocs_build(project)
    assert failed.returncode != 0 and "never closed" in failed.stderr
    site = project / "site"
    if point == "before-swap":
        assert tree(site) == before
    else:
        assert has_new_line(site)
    assert (site / ".git/HEAD").is_file() and (site / ".nojekyll").is_file()
    time.sleep(1)  # the background deletion of the killed build's work folder
    assert not list(project.glob(".site.building-*"))


def test_a_mount_point_site_has_its_contents_replaced(project: Path, tmp_path: Path) -> None:
    site = project / "site"
    mounted = subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(site)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a file system here (needs root)")
    try:
        (site / ".nojekyll").write_text("")
        (site / "stale.html").write_text("from an older build")
        edit_page(project)
        result = mkdocs_build(project)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        assert has_new_line(site) and (site / ".nojekyll").is_file()
        assert not (site / "stale.html").exists()
    finally:
        subprocess.run(["umount", str(site)], check=True)


def test_the_build_records_its_audiences_and_sources_in_the_site(project: Path) -> None:
    first = read_record(project / "site")
    assert first is not None
    assert first.audiences == ("practitioners", "childminders", "police")
    edit_page(project)
    assert mkdocs_build(project).returncode == 0
    second = read_record(project / "site")
    assert second is not None and second.built_from != first.built_from


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_forked_worker_dies_with_its_killed_build_and_writes_nothing_after(
    tmp_path: Path,
) -> None:
    project = copy_project(tmp_path / "project")
    for n in range(300):  # pages with a police-only section: rendered by a forked worker
        (project / f"docs/extra-{n}.md").write_text(
            f"# Extra {n}\n\nA practitioner reads this.\n\n<!-- audience: police -->\n"
            "## Police powers\n\nPolice only.\n<!-- /audience -->\n", "utf-8")
    build = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build"], cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while not workers and build.poll() is None and time.monotonic() < deadline:
        workers = [pid for pid in children(build.pid) if "mkdocs" in
                   Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")]
        time.sleep(0.02)
    assert workers, "the build never forked a worker"
    build.kill()
    build.wait()
    time.sleep(0.3)
    assert not [pid for pid in workers if alive(pid)]
    Staging(str(project / "site")).discard()  # the next build's clean-up
    time.sleep(2.5)
    assert not list(project.glob(f".site.building-{build.pid}-*"))

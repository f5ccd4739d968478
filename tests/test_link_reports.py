"""A broken link is reported once, naming the audiences whose version of the page has it,
however many versions of the page the build renders."""

from __future__ import annotations

from pathlib import Path

from .test_site_build import copy_project, mkdocs_build


def build_with_sharing_page_ending(tmp_path: Path, ending: str) -> list[str]:
    """Builds with text added to guide/sharing.md (which police read in a version of their
    own) and a childminders-only region, so the page renders in three versions."""
    project = copy_project(tmp_path / "project")
    page = project / "docs/guide/sharing.md"
    page.write_text(page.read_text("utf-8") + ending + "\n<!-- audience: childminders -->\n"
                    "Childminders only.\n<!-- /audience -->\n", "utf-8")
    result = mkdocs_build(project, "--strict")
    assert result.returncode != 0
    return [line for line in result.stderr.splitlines() if "missing.md" in line]


def test_a_link_to_a_missing_page_is_reported_once_naming_every_audience(
    tmp_path: Path,
) -> None:
    reports = build_with_sharing_page_ending(tmp_path, "\nSee [the form](missing.md).\n")
    assert len(reports) == 1, reports
    assert reports[0].startswith("WARNING -  Doc file 'guide/sharing.md' contains a link "
                                 "'missing.md'")
    assert reports[0].endswith("(in the version for practitioners, childminders, police)")


def test_a_broken_link_in_a_region_names_only_the_audiences_who_read_it(tmp_path: Path) -> None:
    reports = build_with_sharing_page_ending(
        tmp_path, "\n<!-- audience: not police -->\nSee [the form](missing.md).\n"
                  "<!-- /audience -->\n")
    assert len(reports) == 1, reports
    assert reports[0].endswith("(in the version for practitioners, childminders)")

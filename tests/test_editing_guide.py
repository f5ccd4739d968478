"""EDITING.md is for people who will not debug it: every command and example in it is run here,
on a copy of the real project, so the guide cannot drift from what the tools do."""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from guidance.engine.glossary import load_glossary
from guidance.engine.pages import Engine
from guidance.site.preview import PAGE as PREVIEW_PAGE

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "EDITING.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```(\w+)\n(.*?)^```", GUIDE, re.MULTILINE | re.DOTALL)
COMMANDS = [line for kind, body in BLOCKS if kind == "sh" for line in body.splitlines() if line]
INSTALL = "python3 -m pip install -e ."
ZENSICAL_BUILD = "guidance build --generator zensical --strict"  # tested on its own below
needs_zensical = pytest.mark.skipif(
    importlib.util.find_spec("zensical") is None
    and not os.environ.get("GUIDANCE_REQUIRE_ZENSICAL"),
    reason="Zensical is not installed (pip install -e '.[zensical]')")


def examples(kind: str) -> list[str]:
    return [body for block_kind, body in BLOCKS if block_kind == kind]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project as its hosting site keeps it: in git, published as `main`."""
    for name in ("docs", "glossary"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    for command in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-qm", "Published"]):
        subprocess.run(["git", "-c", "user.email=editor@example.org", "-c", "user.name=Editor",
                        *command], cwd=tmp_path, check=True, capture_output=True)
    return tmp_path


def run(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    words = shlex.split(command)
    env = dict(os.environ)
    while "=" in words[0]:
        name, value = words.pop(0).split("=", 1)
        env[name] = value
    return subprocess.run(words, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300, check=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_the_guide_shows_the_commands_this_test_runs() -> None:
    assert COMMANDS == [
        INSTALL,
        "mkdocs serve",
        "GUIDANCE_AUDIENCES=police mkdocs serve",
        "guidance swap --audience police docs/index.md",
        "guidance audiences",
        "guidance audiences add foster-carers --like childminders",
        "guidance lint",
        "guidance lint --fix",
        "guidance report",
        "guidance report --since main",
        "mkdocs build --strict",
        'python3 -m pip install -e ".[zensical]"',
        "guidance build --generator zensical --strict",
        "guidance export --audience police --out export/police",
    ]


def test_the_install_command_is_the_one_ci_runs_without_the_test_tools() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert '-m pip install' in ci and '-e ".[test]"' in ci
    assert INSTALL.split()[-2:] == ["-e", "."] and '".[test]"' in GUIDE


def test_the_windows_forms_set_the_same_audience_as_the_guides_command() -> None:
    [sh] = [c for c in COMMANDS if c.startswith("GUIDANCE_AUDIENCES=")]
    name, value = sh.split()[0].split("=")
    windows = [body for body in examples("text") if "mkdocs serve" in body]
    assert [body.splitlines()[0] for body in windows] == [
        f"set {name}={value}", f'$env:{name}="{value}"']
    assert f"set {name}=`" in GUIDE and f"Remove-Item Env:{name}" in GUIDE


@pytest.mark.parametrize("command", [c for c in COMMANDS
                                     if c.split()[0] == "guidance" and c != ZENSICAL_BUILD])
def test_each_guidance_command_in_the_guide_works_on_the_project(project: Path,
                                                                 command: str) -> None:
    result = run(command, project)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_swap_shows_the_page_in_police_words(project: Path) -> None:
    result = run("guidance swap --audience police docs/index.md", project)
    assert "your force's public protection process" in result.stdout
    assert "<!--" not in result.stdout


@needs_zensical
def test_the_zensical_build_writes_the_chooser_and_every_audience(project: Path) -> None:
    result = run(ZENSICAL_BUILD, project)
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "index.html").is_file()
    for audience in load_glossary(project / "glossary").ids:
        home = (project / "site" / audience / "index.html").read_text(encoding="utf-8")
        assert '<html lang="en-GB"' in home


def test_the_export_writes_the_folder_the_guide_names(project: Path) -> None:
    assert run("guidance export --audience police --out export/police", project).returncode == 0
    assert (project / "export/police/mkdocs.yml").is_file()
    assert (project / "export/police/docs/index.md").is_file()


def test_report_writes_the_page_the_guide_says_to_open(project: Path) -> None:
    run("guidance report", project)
    assert (project / "report" / "index.html").is_file()
    assert (project / "report" / "changes.csv").is_file()


def test_report_since_writes_the_page_of_changes_the_guide_names(project: Path) -> None:
    page = project / "docs" / "myths.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA new sentence.\n", encoding="utf-8")
    assert run("guidance report --since main", project).returncode == 0
    assert "report/since.html" in GUIDE
    assert "A new sentence." in (project / "report" / "since.html").read_text(encoding="utf-8")


def test_adding_an_audience_marks_every_copied_line_as_the_guide_says(project: Path) -> None:
    run("guidance audiences add foster-carers --like childminders", project)
    note = "# unreviewed: copied from childminders"
    assert note in GUIDE
    assert note in (project / "glossary" / "terms" / "people.yml").read_text(encoding="utf-8")
    result = run("guidance lint", project)
    assert "GL003" in result.stdout and "is not reviewed yet" in result.stdout


def test_the_preview_error_page_is_headed_as_the_guide_says() -> None:
    heading = "The preview cannot be built"
    assert f'"{heading}"' in " ".join(GUIDE.split())
    assert f"<h1>{heading}</h1>" in PREVIEW_PAGE


def test_the_publish_command_builds_the_chooser_and_every_audience(project: Path) -> None:
    result = run("mkdocs build --strict", project)
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "index.html").is_file()
    for audience in load_glossary(project / "glossary").ids:
        assert (project / "site" / audience / "index.html").is_file()


@pytest.mark.parametrize(("command", "audience"), [
    ("mkdocs serve", "practitioners"),
    ("GUIDANCE_AUDIENCES=police mkdocs serve", "police"),
])
def test_the_preview_serves_the_chooser_and_the_audience(project: Path, command: str,
                                                         audience: str) -> None:
    port = free_port()
    words = shlex.split(command)
    env = dict(os.environ, **dict(w.split("=", 1) for w in words if "=" in w))
    words = [w for w in words if "=" not in w]
    words[0] = str(Path(sys.executable).with_name("mkdocs"))
    server = subprocess.Popen([*words, "--dev-addr", f"127.0.0.1:{port}", "--no-livereload"],
                              cwd=project, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as page:
                    chooser = page.read().decode()
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()  # type: ignore[union-attr]
                assert time.monotonic() < deadline, "mkdocs serve did not answer in 2 minutes"
                time.sleep(0.5)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{audience}/", timeout=5) as page:
            assert page.status == 200
        assert f'href="{audience}/' in chooser or f'href="./{audience}/' in chooser
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_term_example_is_a_valid_term(project: Path) -> None:
    [term] = [body for body in examples("yaml") if body.startswith("- term:")]
    (project / "glossary" / "terms" / "example.yml").write_text(term, encoding="utf-8")
    glossary = load_glossary(project / "glossary")
    added = next(t for t in glossary.terms if t.term == "strategy meeting")
    assert added.plural == "strategy meetings"


def test_the_definition_example_gives_police_their_own_and_childminders_none(
    project: Path,
) -> None:
    [definition] = [body for body in examples("yaml") if body.startswith("  definition:")]
    [term] = [body for body in examples("yaml") if body.startswith("- term:")]
    own = re.sub(r"  definition: .*\n", lambda _: definition, term)
    (project / "glossary" / "terms" / "example.yml").write_text(own, encoding="utf-8")
    added = next(t for t in load_glossary(project / "glossary").terms
                 if t.term == "strategy meeting")
    assert added.definition_for("police") == (
        "A meeting where your force and the council decide whether to start enquiries.")
    assert added.definition_for("childminders") is None
    assert added.definition_for("schools") == added.definition


def test_the_audience_example_makes_the_linter_ask_for_its_words(project: Path) -> None:
    [audience] = [body for body in examples("yaml") if "youth-workers:" in body]
    path = project / "glossary" / "audiences.yml"
    path.write_text(path.read_text(encoding="utf-8") + audience, encoding="utf-8")
    assert "youth-workers" in yaml.safe_load(path.read_text(encoding="utf-8"))["audiences"]
    result = run("guidance lint", project)
    assert result.returncode == 2  # a glossary that cannot be loaded: nothing was checked
    assert "has no wording for youth-workers" in result.stdout
    preview = load_glossary(project / "glossary", allow_missing=True)
    gap = next(t for t in preview.terms if t.term == "referral").wording("youth-workers")
    assert f'"{gap.singular}"' in " ".join(GUIDE.split())


def test_the_region_example_is_read_as_the_guide_says(project: Path) -> None:
    [regions] = examples("markdown")
    engine = Engine(load_glossary(project / "glossary"))
    page = engine.prepare(regions, "example.md")
    police = engine.rewrite(page, "police").text
    coaches = engine.rewrite(page, "coaches").text
    assert "<!--" not in police + coaches
    assert "Information sharing advice for practitioners" in police + coaches
    assert police.count("\n\n") >= 1 and "Tell your" in police and "Tell your" not in coaches


def test_the_lint_line_shown_in_the_guide_is_what_the_linter_prints(project: Path) -> None:
    page = project / "docs" / "early-help.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nAsk the TAF.\n", encoding="utf-8")
    shown = re.search(r"TM001 (.*)", GUIDE).group(1)  # type: ignore[union-attr]
    assert shown in run("guidance lint", project).stdout


PEOPLE, PAGE = "glossary/terms/people.yml", "docs/myths.md"
SWAP, DEFINITION = r"^    police: lead practitioner$", r"^  definition: The person who makes"
# message: (file, what to replace (None: add to the end), the mistake, lint's exit status)
MISTAKES: dict[str, tuple[str, str | None, str | bytes, int]] = {
    "is not valid YAML": (PEOPLE, "^  swap:", "  swap: [", 2),
    "'polce' is not an audience": (PEOPLE, SWAP, "    polce: lead practitioner", 2),
    "has no wording for police": (PEOPLE, r"^    police: lead practitioner\n", "", 2),
    "has no 'default:'": (PEOPLE, r"^    default: .*\n", "", 2),
    "the audience region opened here is never closed": (
        PAGE, None, "\n<!-- audience: police -->\nA line.\n", 1),
    "closes a region that was never opened": (PAGE, None, "\n<!-- /audience -->\n", 1),
    "regions cannot be nested": (PAGE, None, "\n<!-- audience: police -->\n"
                                 "<!-- audience: schools -->\nx\n<!-- /audience -->\n", 1),
    "this line has a tab": (PEOPLE, SWAP, "\tpolice: lead practitioner", 2),
    "this line is indented more than the line above it": (
        PEOPLE, DEFINITION, "   definition: The person who makes", 2),
    "this line and the line above it are not lined up": (
        PEOPLE, SWAP, "   police: lead practitioner", 2),
    'the quote (") opened here is never closed': (
        PEOPLE, SWAP, '    police: "lead practitioner', 2),
    "that YAML cannot read": (PEOPLE, DEFINITION, "  definition: Note: The person who makes",
                              2),
    "swap for police is empty": (PEOPLE, SWAP, "    police:", 2),
    "everything after ' #' is dropped": (PEOPLE, SWAP, "    police: supervisor #1 contact", 0),
    "write 'not' and a space before the id": (
        PAGE, None, "\n<!-- audience: not-coaches -->\nA line.\n<!-- /audience -->\n", 1),
    "Separate audience ids with commas": (
        PAGE, None, "\n<!-- audience: police; schools -->\nA line.\n<!-- /audience -->\n", 1),
    "is not closed before line": (PAGE, None, "\n<!-- audience: police -->\nA line.\n\n"
                                  "<!-- audience: schools -->\nB.\n<!-- /audience -->\n", 1),
    "is not UTF-8 text": (PAGE, None, "\nCaf\u00e9 rules\n".encode("cp1252"), 2),
    "is not reviewed yet": (PEOPLE, SWAP,
                            "    police: officer  # unreviewed: copied from schools", 0),
    "for coaches this reads 'family family'": (PAGE, None, "\nWe offer the family early help.\n",
                                               0),
}


def test_every_common_mistake_in_the_guide_is_tested() -> None:
    listed = re.findall(r"^\| `([^`]+)` \|", GUIDE, re.MULTILINE)
    assert set(listed) - {"is already in the glossary"} == set(MISTAKES)


@pytest.mark.parametrize("message", MISTAKES)
def test_a_common_mistake_gives_the_message_the_guide_lists(project: Path, message: str) -> None:
    name, old, new, status = MISTAKES[message]
    path = project / name
    if isinstance(new, bytes):  # saved in another encoding
        path.write_bytes(path.read_bytes() + new)
    else:
        text = path.read_text(encoding="utf-8")
        changed = text + new if old is None else re.sub(old, new, text, count=1,
                                                        flags=re.MULTILINE)
        assert changed != text
        path.write_text(changed, encoding="utf-8")
    result = run("guidance lint", project)
    assert result.returncode == status
    assert message in result.stdout + result.stderr


def test_a_duplicate_term_gives_the_message_the_guide_lists(project: Path) -> None:
    people = project / "glossary" / "terms" / "people.yml"
    first_term = "- term:" + people.read_text(encoding="utf-8").split("\n- term:")[1]
    (project / "glossary" / "terms" / "zz-copy.yml").write_text(first_term, encoding="utf-8")
    assert "is already in the glossary" in run("guidance lint", project).stdout

"""`mkdocs serve` as an editor uses it: a mistake saved while the preview runs shows in the
browser with the file, line and fix, and the page comes back once the mistake is fixed."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SECONDS = 120  # for each step; the preview normally answers in a few seconds


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def copy_project(folder: Path) -> Path:
    for name in ("docs", "glossary"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    return folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


@contextmanager
def serving(project: Path, **env: str) -> Iterator[str]:
    """The real `mkdocs serve` on a free port; its address. Stopped when the test ends."""
    port = free_port()
    mkdocs = str(Path(sys.executable).with_name("mkdocs"))
    server = subprocess.Popen([mkdocs, "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env={**os.environ, **env},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=30)


@pytest.fixture
def preview(project: Path) -> Iterator[str]:
    with serving(project) as address:
        yield address


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as page:
            return page.status, page.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def wait_for(url: str, wanted: str) -> tuple[int, str]:
    """Fetches until the page holds `wanted`; a page that never answers fails the test."""
    deadline = time.monotonic() + SECONDS
    while True:
        try:
            status, text = fetch(url)
            if wanted in text:
                return status, text
        except OSError:  # not listening yet, or a request that hangs
            pass
        assert time.monotonic() < deadline, f"{url} did not show {wanted!r} in {SECONDS} s"
        time.sleep(0.5)


def test_a_saved_mistake_shows_in_the_browser_and_the_page_comes_back(project: Path,
                                                                     preview: str) -> None:
    page = project / "docs" / "myths.md"
    good = page.read_text(encoding="utf-8")
    url = f"{preview}/practitioners/myths/"
    status, _ = wait_for(url, "</html>")
    assert status == 200

    page.write_text(good + "\n<!-- audience: police -->\nA line.\n", encoding="utf-8")
    _, shown = wait_for(url, "The preview cannot be built")
    assert "docs/myths.md:" in shown and "is never closed" in shown and "Fix:" in shown

    page.write_text(good, encoding="utf-8")
    status, text = wait_for(url, "Myth")
    assert status == 200 and "The preview cannot be built" not in text


def test_the_preview_of_a_new_audience_shows_its_missing_words(project: Path) -> None:
    with (project / "glossary" / "audiences.yml").open("a", encoding="utf-8") as audiences:
        audiences.write("  foster-carers:\n    name: Foster carers\n    reader: Foster carers\n")
    with serving(project, GUIDANCE_AUDIENCES="foster-carers") as preview:
        status, text = wait_for(f"{preview}/foster-carers/", "</html>")
    assert status == 200
    assert "[no foster-carers wording for &#x27;early help&#x27;]" in text

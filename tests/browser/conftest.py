"""The real site in a real browser: the project's own `mkdocs build`, served on a loopback port,
read by Debian's Chromium through Playwright.

Chromium, Playwright and axe-core are test tools that a plain `pip install -e .` does not bring.
Without them these tests skip and say why; with GUIDANCE_REQUIRE_BROWSER=1 (set by .ci/run) a
missing tool is a failure instead, so CI cannot pass by skipping.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from guidance.engine.glossary import Glossary, load_glossary

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("GUIDANCE_CHROMIUM", "/usr/bin/chromium"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_URL = "/__tests__/axe.min.js"  # not a path the site itself can have
# What Chromium needs on a machine with no display and no network but the loopback.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def missing(reason: str) -> None:
    """Skip, or fail where the browser tests must run (CI)."""
    if os.environ.get("GUIDANCE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (GUIDANCE_REQUIRE_BROWSER=1 makes this a failure)", pytrace=False)
    pytest.skip(reason)


@dataclass(frozen=True)
class Site:
    """The built site as a reader reaches it."""

    folder: Path
    base: str  # http://127.0.0.1:PORT/
    glossary: Glossary = field(repr=False)

    def url(self, path: str = "") -> str:
        return self.base + path

    def pages(self, audience: str) -> list[str]:
        """Every page of one audience, as paths under the site root: its sitemap and its 404."""
        tree = ElementTree.parse(self.folder / audience / "sitemap.xml")
        paths = []
        for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
            path = urlsplit(loc.text or "").path
            paths.append(path[path.index(f"/{audience}/") + 1:])
        return [*paths, f"{audience}/404.html"]


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves the built site, and axe-core beside it so the browser caches its compiled code."""

    def translate_path(self, path: str) -> str:
        if path == AXE_URL:
            return str(AXE)
        return super().translate_path(path)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output for the tests."""


@pytest.fixture(scope="session")
def site_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own site, built once per session with the real `mkdocs build`."""
    folder = tmp_path_factory.mktemp("browser") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(folder)],
        cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stderr}"
    return folder


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """The folder served on a free loopback port, for as long as the block runs: its address."""
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(SiteHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site(site_folder: Path) -> Iterator[Site]:
    with served(site_folder) as base:
        yield Site(site_folder, base, load_glossary(ROOT / "glossary"))


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One Chromium for the whole session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright for Python is not installed (pip install -e '.[test]')")
    if not CHROMIUM.is_file():
        missing(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def new_context(browser: Any, **options: Any) -> Any:
    """A fresh reader: no stored settings; anything but the loopback refused at once."""
    context = browser.new_context(locale="en-GB", **options)
    context.set_default_timeout(10_000)
    context.route(lambda url: not url.startswith("http://127.0.0.1:"),
                  lambda route: route.abort())
    return context


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = new_context(browser)
    yield context.new_page()
    context.close()


@pytest.fixture
def page_without_script(browser: Any) -> Iterator[Any]:
    context = new_context(browser, java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def axe_url() -> str:
    """Where a page under test loads axe-core from."""
    if not AXE.is_file():
        missing(f"axe-core not found at {AXE.relative_to(ROOT)} (npm ci)")
    return AXE_URL

"""The preview's error page in a real browser: it stays put while the mistake is there and
turns back into the page by itself once the mistake is fixed and saved."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from tests.test_preview import copy_project, serving, wait_for


def test_the_error_page_waits_then_becomes_the_page_again(tmp_path: Path, page: Any) -> None:
    project = copy_project(tmp_path)
    myths = project / "docs" / "myths.md"
    good = myths.read_text(encoding="utf-8")
    with serving(project) as preview:
        wait_for(f"{preview}/practitioners/myths/", "</html>")
        myths.write_text(good + "\n<!-- audience: police -->\nA line.\n", encoding="utf-8")
        wait_for(f"{preview}/practitioners/myths/", "The preview cannot be built")

        loads: list[str] = []
        page.on("load", lambda _: loads.append(page.url))
        page.goto(f"{preview}/")  # the chooser's address, answered with the error page
        assert page.locator("h1").inner_text() == "The preview cannot be built"
        assert "docs/myths.md:" in page.locator("main").inner_text()
        time.sleep(3)
        assert len(loads) == 1  # no reloading while the mistake is still there

        page.goto(f"{preview}/practitioners/myths/")
        myths.write_text(good, encoding="utf-8")
        page.wait_for_function("document.title.indexOf('cannot be built') < 0", timeout=120_000)
        page.wait_for_load_state()
        assert "Myth" in page.locator("h1").first.inner_text()

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from guidance.engine.glossary import Glossary, load_glossary
from guidance.engine.pages import Engine

FIXTURES = Path(__file__).parent / "fixtures"


def lint_project(folder: Path, page: str) -> Path:
    """A project for `guidance lint`: tests/fixtures/lint/glossary and one page, docs/index.md."""
    shutil.copytree(FIXTURES / "lint" / "glossary", folder / "glossary")
    (folder / "docs").mkdir()
    (folder / "docs" / "index.md").write_text(page)
    return folder


@pytest.fixture(scope="session")
def glossary() -> Glossary:
    """tests/fixtures/glossary: four audiences, a handful of terms chosen to exercise the rules."""
    return load_glossary(FIXTURES / "glossary")


@pytest.fixture(scope="session")
def engine(glossary: Glossary) -> Engine:
    return Engine(glossary)


@pytest.fixture(autouse=True, scope="session")
def _cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The caches `guidance lint` keeps between runs go to a folder of the test session's own,
    never the user's (the commands the tests run inherit it)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield

from __future__ import annotations

from pathlib import Path

import pytest

from guidance.engine.glossary import Glossary, load_glossary
from guidance.engine.pages import Engine

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def glossary() -> Glossary:
    """tests/fixtures/glossary: four audiences, a handful of terms chosen to exercise the rules."""
    return load_glossary(FIXTURES / "glossary")


@pytest.fixture(scope="session")
def engine(glossary: Glossary) -> Engine:
    return Engine(glossary)

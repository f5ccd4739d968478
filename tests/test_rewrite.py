"""SPEC section 3: how a page is rewritten for an audience (glossary in tests/fixtures/glossary).

practitioner -> childminders: early years worker, police: police officer, coaches: coach
lead practitioner -> key person / officer in charge / lead practitioner (coaches keep it)
child -> child / young person / player;  LA, local authority -> council
team around the family -> family support team;  referral -> referral / referral / report
MASH -> front door / MASH / council's front door
one-off assessment -> hour-long check / one-off assessment / union meeting
"""

from __future__ import annotations

import pytest

from guidance.engine.errors import GuidanceError
from guidance.engine.pages import Engine


def swap(engine: Engine, audience: str, text: str) -> str:
    return engine.rewrite_text(text, audience).text


@pytest.mark.parametrize(
    ("audience", "source", "expected"),
    [
        # 3.1 forms: singular, plural, possessives with both apostrophes
        ("police", "ask the practitioner", "ask the police officer"),
        ("police", "ask the practitioners", "ask the police officers"),
        ("coaches", "the practitioner's view", "the coach's view"),
        ("coaches", "the practitioners' views", "the coaches' views"),
        ("coaches", "the practitioner\u2019s view", "the coach\u2019s view"),
        ("coaches", "the practitioners\u2019 views", "the coaches\u2019 views"),
        ("police", "each child's needs", "each young person's needs"),
        ("police", "the children's needs", "the young people's needs"),
        # 3.1 whole words only, case ignored, hyphen is a boundary
        ("police", "practitionership", "practitionership"),
        ("police", "the Practitionerish one", "the Practitionerish one"),
        ("childminders", "practitioner-led", "early years worker-led"),
        ("coaches", "non-practitioner", "non-coach"),
        # 3.1 white space, line breaks, inside a multi-word term
        ("childminders", "the lead\npractitioner", "the key person"),
        ("childminders", "the lead   practitioner", "the key person"),
        # 3.2 longest match first, and a single pass
        ("childminders", "the lead practitioner", "the key person"),
        ("coaches", "the lead practitioner", "the lead practitioner"),
        ("childminders", "the local authority and the LA", "the council and the council"),
        # 3.3 case
        ("childminders", "PRACTITIONERS", "EARLY YEARS WORKERS"),
        ("childminders", "Practitioners act.", "Early years workers act."),
        ("childminders", "The Team Around the Family meets.", "The Family Support Team meets."),
        ("childminders", "the team around the family", "the family support team"),
        ("childminders", "A One-Off Assessment", "An Hour-Long Check"),
        ("childminders", "A One-off assessment", "An Hour-long check"),
        ("childminders", "ask the LA", "ask the council"),
        ("childminders", "LA staff will call", "Council staff will call"),
        ("childminders", "It rang. LA staff came", "It rang. Council staff came"),
        ("childminders", "Why? LA staff came", "Why? Council staff came"),
        ("childminders", "ask the la", "ask the council"),
        ("police", "the MASH decides", "the MASH decides"),
        ("childminders", "MASH staff decide", "Front door staff decide"),
        # 3.4 the indefinite article
        ("childminders", "a practitioner", "an early years worker"),
        ("childminders", "An LA officer", "A council officer"),
        ("police", "an LA officer", "a council officer"),
        ("childminders", "a one-off assessment", "an hour-long check"),
        ("coaches", "a one-off assessment", "a union meeting"),
        ("police", "A practitioner", "A police officer"),
        ("childminders", "a\npractitioner", "an\nearly years worker"),
        ("childminders", "a MASH", "a front door"),
        ("police", "data practitioner", "data police officer"),
    ],
)
def test_rewriting_rule(engine: Engine, audience: str, source: str, expected: str) -> None:
    assert swap(engine, audience, source) == expected


def test_an_acronym_starting_a_paragraph_takes_a_capital(engine: Engine) -> None:
    assert swap(engine, "coaches", "MASH staff decide") == "Council's front door staff decide"


@pytest.mark.parametrize(
    ("name", "source", "expected"),
    [
        ("heading", "# LA duties", "# Council duties"),
        ("list item", "- LA staff", "- Council staff"),
        ("numbered item", "1. LA staff", "1. Council staff"),
        ("table cell", "| Who | When |\n|---|---|\n| LA staff | now |",
         "| Who | When |\n|---|---|\n| Council staff | now |"),
        ("emphasis", "**LA staff** will call", "**Council staff** will call"),
        ("mid-sentence", "and LA staff", "and council staff"),
    ],
)
def test_a_sentence_starts_at_each_block(engine: Engine, name: str, source: str,
                                         expected: str) -> None:
    assert swap(engine, "childminders", source) == expected


def test_the_source_audience_reads_the_page_unchanged(engine: Engine) -> None:
    text = "A practitioner asks the LA.\n\n# Practitioners\n"
    assert swap(engine, "practitioners", text) == text


def test_an_audience_that_keeps_the_word_sees_no_change(engine: Engine) -> None:
    result = engine.rewrite_text("Make a referral.", "police")
    assert result.text == "Make a referral."
    assert result.substitutions == ()


def test_spelling_variants_are_rewritten_too(engine: Engine) -> None:
    assert swap(engine, "coaches", "a practicioner") == "a coach"


def test_every_substitution_is_recorded_with_its_source_position(engine: Engine) -> None:
    result = engine.rewrite_text("Intro.\n\nThen a practitioner\nasks the LA.", "childminders")
    assert [(s.line, s.column, s.original, s.replacement, s.term)
            for s in result.substitutions] == [
        (3, 6, "a practitioner", "an early years worker", "practitioner"),
        (4, 10, "LA", "council", "LA"),
    ]


def test_rewriting_for_an_unknown_audience_is_an_error(engine: Engine) -> None:
    with pytest.raises(GuidanceError, match="'nobody' is not an audience"):
        engine.rewrite_text("text", "nobody")


@pytest.mark.parametrize(
    ("audience", "title", "expected"),
    [
        ("childminders", "Advice for practitioners", "Advice for early years workers"),
        ("childminders", "LA duties", "Council duties"),
        ("coaches", "Team Around the Family", "Family Support Team"),
        ("practitioners", "Advice for practitioners", "Advice for practitioners"),
    ],
)
def test_plain_titles_are_rewritten(engine: Engine, audience: str, title: str,
                                    expected: str) -> None:
    assert engine.rewrite_plain(title, audience) == expected


def test_prepared_page_serves_every_audience(engine: Engine) -> None:
    page = engine.prepare("A practitioner asks the LA.")
    assert [engine.rewrite(page, audience).text for audience in engine.glossary.ids] == [
        "A practitioner asks the LA.",
        "An early years worker asks the council.",
        "A police officer asks the council.",
        "A coach asks the council.",
    ]


def test_a_page_prepared_by_one_engine_is_rewritten_right_by_another(engine: Engine) -> None:
    """The site hands pages prepared in one process to the linter's engine in another: what
    an engine remembers about one page's terms must not leak into another page's words."""
    other = Engine(engine.glossary)
    first = other.prepare("Ask the practitioners.")
    other.rewrite(first, "police")
    page = engine.prepare("The LA and a practitioner's view.")
    engine.rewrite(page, "police")
    assert other.rewrite(page, "police").text == engine.rewrite(
        engine.prepare("The LA and a practitioner's view."), "police").text == (
        "The council and a police officer's view.")


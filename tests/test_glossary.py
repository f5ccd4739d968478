"""SPEC section 2: loading the glossary, and every mistake reported with file, line and fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidance.engine.errors import GuidanceErrors
from guidance.engine.glossary import Glossary, Wording, load_glossary

AUDIENCES = """\
source: practitioners
audiences:
  practitioners:
    name: Practitioners
    reader: Council staff
  police:
    name: Police
    reader: Police officers
  coaches:
    name: Coaches
    reader: Sports coaches
"""

TERM = """\
- term: practitioner
  definition: Someone who works with children.
  swap:
    police:
      singular: police officer
      plural: police officers
    coaches: coach
"""


def make(tmp_path: Path, audiences: str = AUDIENCES, **terms: str) -> Path:
    (tmp_path / "terms").mkdir()
    (tmp_path / "audiences.yml").write_text(audiences, encoding="utf-8")
    for name, text in (terms or {"people": TERM}).items():
        (tmp_path / "terms" / f"{name}.yml").write_text(text, encoding="utf-8")
    return tmp_path


def errors_of(tmp_path: Path) -> list[tuple[str | None, int | None, int | None, str]]:
    with pytest.raises(GuidanceErrors) as caught:
        load_glossary(tmp_path)
    return [(e.path, e.line, e.column, str(e)) for e in caught.value.errors]


def test_a_valid_glossary_loads_in_file_order(tmp_path: Path) -> None:
    glossary = load_glossary(make(tmp_path))
    assert isinstance(glossary, Glossary)
    assert glossary.source == "practitioners"
    assert glossary.ids == ("practitioners", "police", "coaches")
    term = glossary.terms[0]
    assert term.wording("police") == Wording("police officer", "police officers")
    assert term.wording("practitioners") == Wording("practitioner", "practitioners")


def test_a_plural_is_derived_when_not_given(tmp_path: Path) -> None:
    term = load_glossary(make(tmp_path)).terms[0]
    assert (term.plural, term.wording("coaches").plural) == ("practitioners", "coaches")


@pytest.mark.parametrize(("singular", "plural"), [
    ("child", "children"), ("LA", "LAs"), ("section 47", "section 47s"),
    ("local authority", "local authorities"), ("team around the family", "teams around the family"),
    ("lawful basis", "lawful bases"), ("children's services", "children's services"),
    ("out-of-hours team", "out-of-hours teams"), ("local NHS board", "local NHS boards"),
])
def test_derived_plurals_are_english(tmp_path: Path, singular: str, plural: str) -> None:
    term = f"- term: {singular}\n  definition: d\n  swap:\n    police: x\n    coaches: y\n"
    assert load_glossary(make(tmp_path, people=term)).terms[0].plural == plural


def test_the_glossary_is_immutable(tmp_path: Path) -> None:
    glossary = load_glossary(make(tmp_path))
    with pytest.raises(AttributeError):
        glossary.source = "police"  # type: ignore[misc]
    with pytest.raises(TypeError):
        glossary.terms[0].swap["police"] = Wording("x", "y")  # type: ignore[index]


def test_a_yaml_syntax_error_names_the_line_and_column(tmp_path: Path) -> None:
    broken = "- term: practitioner\n  definition: x\n  swap:\n    police: [unclosed\n"
    [(path, line, column, message)] = errors_of(make(tmp_path, people=broken))
    assert path.endswith("terms/people.yml")
    assert line == 5 and column is not None
    assert "is not valid YAML" in message and "Fix:" in message


def test_a_missing_audience_in_swap_is_an_error_naming_it(tmp_path: Path) -> None:
    term = "- term: practitioner\n  definition: d\n  swap:\n    police: officer\n"
    [(path, line, _, message)] = errors_of(make(tmp_path, people=term))
    assert (path.split("/")[-1], line) == ("people.yml", 3)
    assert "has no wording for coaches" in message and "add 'coaches: ...'" in message


def test_an_unknown_audience_in_swap_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    term = ("- term: practitioner\n  definition: d\n  swap:\n    police: officer\n"
            "    coachs: coach\n")
    found = errors_of(make(tmp_path, people=term))
    assert (found[0][1], found[0][2]) == (5, 5)
    assert "'coachs' is not an audience" in found[0][3]
    assert "did you mean 'coaches'" in found[0][3]


def test_a_duplicate_term_is_an_error_naming_the_first(tmp_path: Path) -> None:
    found = errors_of(make(tmp_path, a=TERM, b=TERM.replace("practitioner\n", "Practitioner\n")))
    [(path, line, _, message)] = found
    assert path.endswith("terms/b.yml") and line == 1
    assert "a.yml:1" in message


def test_a_bad_audience_id_is_an_error(tmp_path: Path) -> None:
    audiences = AUDIENCES.replace("  coaches:", "  ../coaches:")
    found = errors_of(make(tmp_path, audiences))
    assert any("'../coaches' cannot be an audience id" in message for *_, message in found)


@pytest.mark.parametrize("bad_id", ["Police", "a b", "/abs", "9lives", "-x"])
def test_audience_ids_are_folder_safe(tmp_path: Path, bad_id: str) -> None:
    audiences = AUDIENCES.replace("  coaches:", f"  '{bad_id}':")
    assert any("cannot be an audience id" in message
               for *_, message in errors_of(make(tmp_path, audiences)))


def test_a_missing_source_is_an_error(tmp_path: Path) -> None:
    found = errors_of(make(tmp_path, AUDIENCES.replace("source: practitioners\n", "")))
    assert any("has no 'source:' line" in message for *_, message in found)


def test_a_source_that_is_not_an_audience_is_an_error(tmp_path: Path) -> None:
    found = errors_of(make(tmp_path, AUDIENCES.replace("source: practitioners",
                                                       "source: practioners")))
    assert any(line == 1 and "did you mean 'practitioners'" in message
               for _, line, _, message in found)


def test_an_empty_name_is_an_error(tmp_path: Path) -> None:
    found = errors_of(make(tmp_path, AUDIENCES.replace("name: Police", "name: ''")))
    assert any(line == 7 and "name is empty" in message for _, line, _, message in found)


def test_a_missing_term_field_is_an_error(tmp_path: Path) -> None:
    term = "- definition: d\n  swap:\n    police: x\n    coaches: y\n"
    [(_, line, _, message)] = errors_of(make(tmp_path, people=term))
    assert line == 1 and "term is missing" in message


def test_a_misspelt_field_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    term = TERM + "  plurals: practitioners\n"
    [(_, line, _, message)] = errors_of(make(tmp_path, people=term))
    assert line == 8 and "did you mean 'plural'" in message


def test_a_duplicate_key_is_an_error(tmp_path: Path) -> None:
    term = TERM + "  definition: again\n"
    [(_, line, _, message)] = errors_of(make(tmp_path, people=term))
    assert line == 8 and "appears twice" in message


def test_every_error_is_reported_at_once(tmp_path: Path) -> None:
    terms = ("- term: a\n  definition: d\n  swap:\n    police: x\n"
             "- term: b\n  definition: d\n  swap:\n    police: x\n")
    assert len(errors_of(make(tmp_path, people=terms))) == 2


def test_aliases_are_refused(tmp_path: Path) -> None:
    term = TERM + "- &x\n  term: y\n"
    [(_, line, _, message)] = errors_of(make(tmp_path, people=term))
    assert line == 8 and "aliases" in message


def test_a_missing_folder_is_one_clear_error(tmp_path: Path) -> None:
    [(_, _, _, message)] = errors_of(tmp_path / "nowhere")
    assert "glossary folder not found" in message and "--glossary" in message


# Definitions per audience ---------------------------------------------------------------------

PER_AUDIENCE = """\
- term: practitioner
  definition:
    default: Someone who works with children.
    police: An officer, a police community support officer or a member of police staff.
    coaches: false
  swap:
    police: police officer
    coaches: coach
"""


def with_definition(definition: str) -> str:
    """The practitioner term with `definition:` followed by the given lines."""
    return ("- term: practitioner\n  definition:" + definition +
            "\n  swap:\n    police: police officer\n    coaches: coach\n")


def test_a_plain_definition_is_every_audiences(tmp_path: Path) -> None:
    term = load_glossary(make(tmp_path)).terms[0]
    assert [term.definition_for(a) for a in ("practitioners", "police", "coaches")] == \
        ["Someone who works with children."] * 3


def test_a_definition_mapping_gives_audiences_their_own_or_none(tmp_path: Path) -> None:
    term = load_glossary(make(tmp_path, people=PER_AUDIENCE)).terms[0]
    assert term.definition == "Someone who works with children."
    assert term.definition_for("practitioners") == "Someone who works with children."
    assert term.definition_for("police").startswith("An officer, a police community")
    assert term.definition_for("coaches") is None


def test_a_definition_mapping_without_default_is_an_error_at_its_line(tmp_path: Path) -> None:
    term = with_definition("\n    police: An officer.")
    [(path, line, _, message)] = errors_of(make(tmp_path, people=term))
    assert (path.split("/")[-1], line) == ("people.yml", 2)
    assert "has no 'default:'" in message and "add 'default: ...'" in message


def test_an_unknown_audience_under_definition_is_an_error_with_a_suggestion(
    tmp_path: Path,
) -> None:
    term = with_definition("\n    default: d\n    polise: false")
    [(_, line, column, message)] = errors_of(make(tmp_path, people=term))
    assert (line, column) == (4, 5)
    assert "'polise' is not an audience" in message and "did you mean 'police'" in message


@pytest.mark.parametrize("value", ["true", "[a, b]", "{x: y}"])
def test_a_definition_that_is_neither_text_nor_false_is_an_error(
    tmp_path: Path, value: str
) -> None:
    term = with_definition(f"\n    default: d\n    police: {value}")
    [(_, line, column, message)] = errors_of(make(tmp_path, people=term))
    assert (line, column) == (4, 13)
    assert "neither" in message and "'false'" in message


def test_false_for_everyone_is_an_error(tmp_path: Path) -> None:
    [(_, line, _, message)] = errors_of(make(tmp_path, people=with_definition(" false")))
    assert line == 2 and "cannot be false for everyone" in message

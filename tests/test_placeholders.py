"""Placeholders: each audience's copy of a rendered file is the shared file with its words back.

A file is cut at its placeholders once and joined once per audience; these tests pin what each
audience's copy holds, wherever the placeholder stood (HTML text, an attribute, a script's JSON,
the search index).
"""

from __future__ import annotations

import json

from guidance.site.placeholders import Cut, Placeholders, leftover

AUDIENCES = ("practitioners", "coaches")


def words() -> tuple[Placeholders, str, str]:
    """Placeholders for two phrases: one each audience words differently, one with markup-like
    and quoting characters in a coach's words."""
    placeholders = Placeholders(AUDIENCES)
    lead = placeholders.token("lead practitioner", ["lead practitioner", "welfare officer"])
    club = placeholders.token("setting", ["setting", 'club "A&B" <juniors>'])
    return placeholders, lead, club


def test_html_copy_has_each_audiences_words_escaped_as_text() -> None:
    placeholders, lead, club = words()
    shared = f'<p title="{club}">Ask the {lead}.</p>'

    assert placeholders.writer("coaches").html(shared) == (
        '<p title="club &quot;A&amp;B&quot; \u2039juniors\u203a">Ask the welfare officer.</p>')
    assert placeholders.writer("practitioners").html(shared) == (
        '<p title="setting">Ask the lead practitioner.</p>')


def test_script_json_gets_the_words_as_json_safe_in_html() -> None:
    placeholders, _, club = words()
    shared = f"<script>var site = {json.dumps({'name': club})};</script>"

    copy = placeholders.writer("coaches").html(shared)

    assert copy == ('<script>var site = {"name": "club \\"A\\u0026B\\" '
                    '\\u2039juniors\\u203a"};</script>')
    assert json.loads(copy[len("<script>var site = "):-len(";</script>")]) == {
        "name": 'club "A&B" \u2039juniors\u203a'}


def test_search_index_gets_the_words_as_escaped_html_in_json_strings() -> None:
    placeholders, lead, club = words()
    shared = json.dumps({"docs": [{"title": f"The {lead}", "text": club}]})

    copy = placeholders.writer("coaches").search_index(shared)

    assert json.loads(copy) == {"docs": [{"title": "The welfare officer",
                                          "text": 'club "A&amp;B" \u2039juniors\u203a'}]}


def test_one_cut_serves_every_audience_as_cutting_the_text_for_each_would() -> None:
    placeholders, lead, club = words()
    shared = f'<p>{lead} and {club}</p><script>{json.dumps([lead])}</script>{lead}'
    cut = Cut(shared)

    for audience in AUDIENCES:
        writer = placeholders.writer(audience)
        assert writer.html(cut) == writer.html(shared)
        assert not leftover(writer.html(cut))


def test_a_text_without_placeholders_is_written_as_it_is() -> None:
    placeholders, _, _ = words()
    shared = '<p>No swapped words here, only "\\u00e9" in a script.</p>'

    assert placeholders.writer("coaches").html(shared) == shared


def test_a_placeholder_no_audience_has_is_left_for_the_leftover_check() -> None:
    placeholders, lead, _ = words()
    unknown = Placeholders(AUDIENCES)
    for _ in range(3):
        stray = unknown.token("x", [f"x{len(unknown)}", "y"])

    copy = placeholders.writer("coaches").html(f"{lead} {stray}")

    assert copy.startswith("welfare officer ")
    assert leftover(copy)


def test_versions_give_each_audience_the_text_to_audience_gives() -> None:
    placeholders, lead, club = words()
    text = f"The {lead} of the {club} and the {lead}."

    assert placeholders.versions(text, AUDIENCES) == {
        audience: placeholders.to_audience(text, audience) for audience in AUDIENCES}
    assert placeholders.versions(text, ["coaches"]) == {
        "coaches": 'The welfare officer of the club "A&B" <juniors> and the welfare officer.'}

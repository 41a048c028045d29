"""The YAML writer: whatever a comment's text holds, it stays a comment and the file stays readable."""

from __future__ import annotations

import pytest

from letterforge.tools.scaffold import scaffold_selection
from letterforge.load.yamlparse import parse_bytes
from letterforge.load.yamltext import YamlText

BREAKS = ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


def loads(out: YamlText) -> bool:
    """Whether letterforge's own reader (which refuses control characters anywhere) parses the document."""
    return parse_bytes(out.text().encode("utf-8"), "test.yaml") is not None


@pytest.mark.parametrize("brk", BREAKS, ids=["+".join(f"U+{ord(c):04X}" for c in b) for b in BREAKS])
def test_a_line_break_in_any_comment_is_folded_into_a_space(brk):
    out = YamlText()
    out.comment(f"about{brk}lead_in: false", 0)
    out.field(0, "to")
    out.field(2, "position", "TODO", f"e.g. Chief{brk}lead_in: false")
    out.field(0, "sections")
    out.field(2, "attendance")
    out.item(4, "finding/variant", f"choose{brk}lead_in: false")
    assert out.text().splitlines() == ["# about lead_in: false", "to:", "  position: TODO  # e.g. Chief lead_in: false",
                                       "sections:", "  attendance:", "    - finding/variant  # choose lead_in: false"]
    assert loads(out)


def test_a_character_the_reader_refuses_is_shown_not_written_in_a_comment():
    out = YamlText()
    out.comment("Kent\x07 \u202ePolice\x1b[2J")
    out.field(0, "force", "Kent", "a\x9bnote")
    assert out.text() == "# Kent<U+0007> <U+202E>Police<U+001B>[2J\nforce: Kent  # a<U+009B>note\n"
    assert loads(out)


@pytest.mark.parametrize("line", ["lead_in: false\nforce: x", "from: TODO\u2028x: 1", "sections:\x07"])
def test_a_raw_line_must_be_one_line(line):
    with pytest.raises(ValueError, match="not one line of YAML"):
        YamlText().raw(line)


def test_a_scaffold_for_a_hostile_force_name_writes_no_key_of_its_own(library):
    force = "Kent\nlead_in: false\u2028from: x\x07"
    text = scaffold_selection(library.inspection("core-business-2014"), library.people, force)
    assert "# A new letter of core-business-2014 to Kent lead_in: false from: x<U+0007>.\n" in text
    root = parse_bytes(text.encode("utf-8"), "new.yaml")  # nothing refused outside the force's value
    keys = [key.value for key, _ in root.value]
    assert keys == ["inspection", "force", "date", "status", "from", "to", "salutation", "sections"]
    assert dict((k.value, v.value) for k, v in root.value)["force"] == force

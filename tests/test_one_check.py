"""One ``check``, every problem: every missing key, unknown id, bad value and placeholder in one run, each at
its own place, a placeholder named by the field or parameter holding it."""

from __future__ import annotations

import re

from .conftest import KENT, run


def test_five_problems_in_one_run(tmp_path):
    text = KENT.read_text(encoding="utf-8")
    for key in ("date", "from", "salutation"):
        text = re.sub(rf"(?m)^{key}:.*\n", "", text)
    text = text.replace("named-suspects", "named-suspect", 1).replace("{trained: 500}", "{trained: lots}")
    selection = tmp_path / "five.yaml"
    selection.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    param_line = next(i for i, line in enumerate(lines, 1) if "trained: lots" in line)
    finding_line = next(i for i, line in enumerate(lines, 1) if "named-suspect/" in line)
    result = run("check", selection)
    assert result.exit_code == 1
    column = lines[param_line - 1].index("lots") + 1
    assert result.stderr.splitlines() == [
        f"{selection}:3:1: error: the selection is missing 'date'",
        f"{selection}:3:1: error: the selection is missing 'from'",
        f"{selection}:3:1: error: the selection is missing 'salutation'",
        f"{selection}:{param_line}:{column}: error: parameter 'trained' must be a whole number, not text",
        f"{selection}:{finding_line}:7: error: unknown finding 'named-suspect' in section 'attendance' "
        "(did you mean 'named-suspects'?)",
        f"1 checked: 0 with warnings only, 1 with errors: {selection}",
    ]


def test_placeholders_come_in_the_same_run_as_the_problems_that_stop_the_letter(tmp_path):
    text = KENT.read_text(encoding="utf-8").replace("Dear Alan", "Dear TODO").replace("named-suspects", "named-suspect")
    text = text.replace("Mr Alan Pughsley", "Mr TBC")
    selection = tmp_path / "kent.yaml"
    selection.write_text(text, encoding="utf-8")
    result = run("check", selection)
    assert result.exit_code == 1
    errors = [line.split(": error: ", 1)[1] for line in result.stderr.splitlines() if ": error: " in line]
    assert "to.name holds the placeholder ‘TBC’ (replace it with the real text)" in errors
    assert "salutation holds the placeholder ‘TODO’ (replace it with the real text)" in errors
    assert any(e.startswith("unknown finding 'named-suspect'") for e in errors)


def test_a_placeholder_names_the_parameter_holding_it(tmp_path):
    text = KENT.read_text(encoding="utf-8")
    assert "evidence: " in text
    selection = tmp_path / "kent.yaml"
    selection.write_text(re.sub(r"evidence: .*", "evidence: TODO what shows it", text, count=1), encoding="utf-8")
    result = run("check", selection)
    assert result.exit_code == 1
    assert "error: parameter 'evidence' of prevention-strategy/absent-not-inhibiting holds the placeholder ‘TODO’" \
        in result.stderr


def test_a_misspelt_required_key_is_one_problem(tmp_path):
    selection = tmp_path / "kent.yaml"
    selection.write_text(KENT.read_text(encoding="utf-8").replace("salutation:", "salutaton:"), encoding="utf-8")
    result = run("check", selection)
    assert [line for line in result.stderr.splitlines() if "salutation" in line] == [
        f"{selection}:12:1: error: unknown key 'salutaton' in the selection (did you mean 'salutation'?)"]

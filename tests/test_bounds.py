"""Everything a library says is bounded: a phrasing or a layout can neither loop for long nor print an object.

Only declared parameters (phrasings) and the layout's documented variables
are names; Jinja's own names (``self``, ``loop`` outside a loop, its globals)
are located errors when the library is loaded, checked or linted; a layout's
loops walk only the lists it is given, and every step counts against a bound
no letter reaches.
"""

from __future__ import annotations

import shutil
import time

import pytest

from letterforge.compose import layout as layout_module
from letterforge.language.grammar import RESERVED_NAMES

from .conftest import KENT, edit, run

JINJA_NAMES = sorted(RESERVED_NAMES - {"loop"})


def _phrasing_library(library_copy, phrasing: str):
    """The library with the phrasing of crime-prevention-training/delivered replaced (one line of YAML)."""
    section = library_copy / "core-business-2014" / "preventing-crime.yaml"
    text = section.read_text(encoding="utf-8")
    start = text.index("The force has already provided formal crime prevention training")
    line_start = text.rindex("text:", 0, start)
    end = text.index("params:", start)
    indent = " " * (line_start - text.rindex("\n", 0, line_start) - 1)
    section.write_text(text[:line_start] + f"text: \"{phrasing} {{{{ trained }}}}.\"\n{indent}" + text[end:],
                       encoding="utf-8")
    return section


@pytest.mark.parametrize("name", [*JINJA_NAMES, "loop"])
def test_a_phrasing_naming_jinjas_own_names_is_a_located_error_at_check_and_lint(library_copy, name):
    section = _phrasing_library(library_copy, f"Trained {{{{ {name} }}}}")
    for command in (["check", KENT], ["library", "lint"], ["render", KENT, "-o", library_copy.parent / "out"]):
        result = run(*command, "--library", library_copy) if command[0] != "library" else \
            run("library", "lint", "--library", library_copy)
        assert result.exit_code == 1, (command, result.output)
        assert "<TemplateReference" not in result.output and "<class" not in result.output
        problem = "'loop' outside a {% for %} loop" if name == "loop" else f"the name '{name}' (it is Jinja's"
        lines = [line for line in result.stderr.splitlines() if problem in line]
        assert lines, result.stderr
        assert lines[0].startswith(f"{section}:") and ": error: a phrasing may not use " in lines[0]
    assert not (library_copy.parent / "out").exists()


def _layout(library_copy, source: str):
    templates = library_copy / "templates"
    templates.mkdir(exist_ok=True)
    from letterforge.resources import templates_dir

    shutil.copy(templates_dir() / "house-style.docx", templates / "house-style.docx")
    path = templates / "letter.j2"
    path.write_text(source, encoding="utf-8")
    return path


@pytest.mark.parametrize("source, column, problem", [  # the column is that of the name the error quotes
    ("{{ block('paragraph', self) }}", 23, "the name 'self' (it is Jinja's, not a parameter)"),
    ("{{ block('paragraph', loop) }}", 23, "'loop' outside a {% for %} loop"),
    ("{{ block('paragraph', lipsum) }}", 23, "the name 'lipsum' (it is Jinja's, not a parameter)"),
    ("{{ block('paragraph', namespace) }}", 23, "the name 'namespace' (it is Jinja's, not a parameter)"),
    ("{{ block('paragraph', signature) }}", 23, "the name 'signature' (not a variable of the layout)"),
    ("{% for c in salutation %}{{ block('paragraph', c) }}{% endfor %}", 13,
     "a {% for %} loop over 'salutation', which is not one of the lists a layout is given"),
    ("{% for s in sections %}{% endfor %}{{ block('paragraph', s) }}", 8,  # the first 's' on the line
     "the name 's' (not a variable of the layout)"),
])
def test_a_layout_uses_only_its_variables_and_walks_only_its_lists(library_copy, source, column, problem):
    path = _layout(library_copy, "{{ block('salutation', salutation) }}\n" + source)
    for command in (["check", KENT, "--library", library_copy], ["library", "lint", "--library", library_copy]):
        result = run(*command)
        assert result.exit_code == 1
        assert f"{path}:2:{column}: error: a layout may not use {problem}" in result.stderr, result.stderr


def test_the_shipped_layout_keeps_to_the_rules_and_a_loop_variable_is_a_name_in_its_loop(tmp_path, library_copy):
    _layout(library_copy, "{% for person in copy_to %}{{ block('copy', ('To ' if loop.first else '') ~ person.name) }}"
                          "{% endfor %}{{ block('salutation', salutation) }}")
    result = run("render", KENT, "-f", "txt", "-o", tmp_path, "--library", library_copy)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "kent.txt").read_text(encoding="utf-8").startswith("To Sonya Gransden")
    assert run("check", KENT).exit_code == 0


def test_nested_loops_that_would_run_for_ever_are_refused_at_load_check_and_lint(library_copy):
    """Two loops over the letter's lists multiply (copy_to × copy_to, sections × copy_to): the inner loop of a
    layout must walk the outer item's own list, so a layout's work grows with the letter, never faster."""
    path = _layout(library_copy, "{{ block('salutation', salutation) }}\n"
                                 "{% for a in copy_to %}\n{% for b in copy_to %}{% endfor %}{% endfor %}\n")
    for command in (["check", KENT, "--library", library_copy], ["library", "lint", "--library", library_copy]):
        started = time.monotonic()
        result = run(*command)
        assert time.monotonic() - started < 10
        assert result.exit_code == 1
        assert f"{path}:3:13: error: a layout may not use a {{% for %}} inside another over 'copy_to', which is not " \
               "a list of the outer loop's item" in result.stderr, result.stderr


def test_a_layout_past_the_bound_on_work_is_refused_at_its_line(tmp_path, library_copy, monkeypatch):
    """The second wall: every loop step and block counts; past the bound (made small here, so that the test needs
    no huge selection: the code is the same) the layout is refused at the line it had reached."""
    path = _layout(library_copy, "{{ block('salutation', salutation) }}\n"
                                 "{% for person in copy_to %}\n{{ block('copy', person.name) }}{% endfor %}\n")
    monkeypatch.setattr(layout_module, "MAX_LAYOUT_STEPS", 100)
    selection = edit(shutil.copy(KENT, tmp_path / "many.yaml"), ("copy_to:\n", "copy_to:\n" + "".join(
        f"  - Person {i}, Officer\n" for i in range(200))))
    result = run("check", selection, "--library", library_copy)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{path}:3:1: error: layout takes more than 100 loop steps and blocks for one "
                                    "letter (a letter takes about a hundred")


def test_a_real_letter_is_far_inside_the_bound(kent_letter):
    assert len(kent_letter.blocks) < layout_module.MAX_LAYOUT_STEPS / 100


def test_a_layout_emitting_too_much_text_is_refused(tmp_path, library_copy, monkeypatch):
    path = _layout(library_copy, "{% for s in sections %}{% for f in s.findings %}{{ block('bullet', f) }}"
                                 "{% endfor %}{% endfor %}")
    monkeypatch.setattr(layout_module, "MAX_LETTER_CHARS", 1_000)
    result = run("check", KENT, "--library", library_copy)
    assert result.exit_code == 1
    assert f"{path}:1:1: error: layout emits more than 1,000 characters for one letter" in result.stderr


def test_the_sandbox_has_no_globals_behind_the_grammar():
    from letterforge.language.phrasing import environment

    assert dict(environment().globals) == {}
    with pytest.raises(Exception):
        environment().from_string("{{ range(3) }}").render()

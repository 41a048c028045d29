"""The command line, driven through click's CliRunner: exit codes, messages, files written or not."""

from __future__ import annotations

import json
import shutil

import click
import pytest

from letterforge.cli import main

from .conftest import EXAMPLES, KENT, reference_blocks, run


def test_render_default_formats_beside_the_selection(tmp_path):
    selection = tmp_path / "kent.yaml"
    shutil.copy(KENT, selection)
    result = run("render", selection)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(tmp_path / "kent.docx"), str(tmp_path / "kent.txt")]
    assert (tmp_path / "kent.docx").stat().st_size > 0


def test_render_json_to_an_output_folder(tmp_path):
    result = run("render", KENT, "-f", "json", "-o", tmp_path / "out")
    assert result.exit_code == 0
    data = json.loads((tmp_path / "out" / "kent.json").read_text(encoding="utf-8"))
    assert [(b["kind"], b["text"]) for b in data["blocks"]] == [(b["kind"], b["text"]) for b in reference_blocks("kent")]
    assert {b["source"] for b in data["blocks"]} == {"library", "bespoke", "free"}


def test_render_a_folder_renders_every_selection(tmp_path):
    result = run("render", EXAMPLES, "-o", tmp_path, "-f", "txt")
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kent.txt", "unnamed-force.txt"]


def test_check_examples_have_no_errors():
    result = run("check", EXAMPLES)
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == "2 checked: 2 with warnings only, 0 with errors"


# ---------------------------------------------------------------- bad input

BAD_INPUTS = {
    "yaml-syntax": (lambda t: t.replace("force: Kent Police", "force: [Kent Police"),
                    "{path}:5:5: error: invalid YAML: expected ',' or ']', but got ':' "
                    "(while parsing a flow sequence at line 4, column 8)"),
    "unknown-finding": (lambda t: t.replace("named-suspects/robust", "named-suspect/robust"),
                        "{path}:45:7: error: unknown finding 'named-suspect' in section 'attendance' "
                        "(did you mean 'named-suspects'?)"),
    "misspelt-parameter": (lambda t: t.replace("{trained: 500}", "{trainned: 500}"),
                           "{path}:26:45: error: unknown parameter 'trainned' for "
                           "crime-prevention-training/delivered (did you mean 'trained'?)"),
    "missing-parameter": (lambda t: t.replace("{trained: 500}", "{}"),
                          "{path}:26:7: error: missing parameter 'trained' for crime-prevention-training/delivered "
                          "(number of officers and staff trained) "
                          "(write 'crime-prevention-training/delivered: {{trained: …}}')"),
    "list-for-mapping": (lambda t: t.replace("to:\n  name: Mr Alan Pughsley\n  position: Chief Constable – Kent Police",
                                             "to:\n  - Mr Alan Pughsley"),
                         "{path}:10:3: error: to must be a mapping, not a list"),
    "empty-file": (lambda t: "", "{path}:1:1: error: file is empty (see examples/kent.yaml for a selection)"),
    "misspelt-key": (lambda t: t.replace("salutation:", "salutaton:"),
                     "{path}:12:1: error: unknown key 'salutaton' in the selection (did you mean 'salutation'?)"),
    "unknown-variant": (lambda t: t.replace("iom/not-effective", "iom/not-efective"),
                        "{path}:44:7: error: unknown variant 'not-efective' of finding 'iom' "
                        "(did you mean 'not-effective'?)"),
    "unknown-signatory": (lambda t: t.replace("from: zoe-billingham", "from: zoe-bilingham"),
                          "{path}:7:7: error: unknown signatory 'zoe-bilingham' in people.yaml "
                          "(did you mean 'zoe-billingham'?)"),
    "unknown-section": (lambda t: t.replace("  freeing-up-time:", "  freeing-time:"),
                        "{path}:47:3: error: unknown section 'freeing-time' in inspection 'core-business-2014' "
                        "(did you mean 'freeing-up-time'?)"),
    "unknown-inspection": (lambda t: t.replace("core-business-2014", "core-busines-2014"),
                           "{path}:3:13: error: unknown inspection 'core-busines-2014' "
                           "(did you mean 'core-business-2014'?)"),
    "wrong-type": (lambda t: t.replace("{trained: 500}", "{trained: lots}"),
                   "{path}:26:54: error: parameter 'trained' must be a whole number, not text"),
    "finding-in-other-section": (lambda t: t.replace("    - iom/not-effective", "    - savings/identified"),
                                 "{path}:44:7: error: finding 'savings' is not in section 'attendance' "
                                 "(it belongs to section 'freeing-up-time')"),
    "variant-not-named": (lambda t: t.replace("    - iom/not-effective", "    - iom"),
                          "{path}:44:7: error: finding 'iom' has 2 variants; name one "
                          "(write 'iom/well-managed' or 'iom/not-effective')"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_located_exits_1_and_leaves_existing_output(case, selection_file):
    edit, expected = BAD_INPUTS[case]
    selection = selection_file(edit)
    existing = {selection.with_suffix(".docx"): b"an earlier letter", selection.with_suffix(".txt"): b"earlier text"}
    for path, data in existing.items():
        path.write_bytes(data)
    result = run("render", selection)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [expected.format(path=selection)]
    assert "Traceback" not in result.output
    for path, data in existing.items():
        assert path.read_bytes() == data
    assert sorted(p.name for p in selection.parent.iterdir()) == ["kent.docx", "kent.txt", "kent.yaml"]


def test_several_problems_are_reported_together(selection_file):
    selection = selection_file(lambda t: t.replace("iom/not-effective", "iom/nope").replace("{trained: 500}", "{}"))
    result = run("check", selection)
    assert result.exit_code == 1
    assert [line.split(": error: ")[1].split(" ")[0:2] for line in result.stderr.splitlines()[:-1]] == [
        ["missing", "parameter"], ["unknown", "variant"]]


def test_missing_file_exits_1_without_location(tmp_path):
    result = run("render", tmp_path / "nowhere.yaml")
    assert result.exit_code == 1
    assert result.stderr == f"{tmp_path / 'nowhere.yaml'}: error: no such file or folder\n"


def test_missing_library_folder_exits_1(tmp_path):
    result = run("check", KENT, "--library", tmp_path / "no-library")
    assert result.exit_code == 1
    assert result.stderr == (f"{tmp_path / 'no-library'}: error: findings library folder not found "
                             "(pass --library DIR or set LETTERFORGE_LIBRARY)\n")


def test_one_bad_selection_does_not_stop_the_others(tmp_path, selection_file):
    bad = selection_file(lambda t: t.replace("salutation:", "salutaton:"), name="bad.yaml")
    good = selection_file(name="good.yaml")
    result = run("render", bad, good, "-f", "txt")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [str(good.with_suffix(".txt"))]
    assert not bad.with_suffix(".txt").exists()


def test_output_folder_that_is_a_file(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("not a folder")
    result = run("render", KENT, "-o", blocker)
    assert result.exit_code == 1
    assert result.stderr == f"{blocker}: error: output folder is a file\n"


def test_wrong_usage_exits_2():
    assert run("render").exit_code == 2
    assert run("render", KENT, "-f", "pdfx").exit_code == 2
    assert run("no-such-command").exit_code == 2


def test_every_command_is_documented_with_an_example():
    def walk(group, path):
        context = click.Context(group)
        for name in group.list_commands(context):
            command = group.get_command(context, name)
            yield path + (name,), command
            if isinstance(command, click.Group):
                yield from walk(command, path + (name,))

    commands = dict(walk(main, ()))
    assert ("library", "lint") in commands
    for path, command in commands.items():
        result = run(*path, "--help")
        assert result.exit_code == 0
        assert command.help and "Example" in command.help, path
    assert "Example" in run("--help").output


def test_a_render_never_writes_over_its_own_selection(tmp_path):
    selection = tmp_path / "letter.txt"
    shutil.copy(KENT, selection)
    result = run("render", selection)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (f"{selection}: error: this output would overwrite one of the command's own inputs "
                             f"(it is the same file as {selection}; write it elsewhere with -o)\n")
    assert selection.read_bytes() == KENT.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["letter.txt"]


def test_selections_with_one_name_never_overwrite_each_other(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(KENT, tmp_path / folder / "kent.yaml")
    first, second = tmp_path / "a" / "kent.yaml", tmp_path / "b" / "kent.yaml"
    result = run("render", first, second, first, "-o", tmp_path / "out", "-f", "txt")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [str(tmp_path / "out" / "kent.txt")]
    assert result.stderr.splitlines() == [
        f"{second}: error: its outputs would overwrite those of {first} (rename one, or write them to different folders)",
        f"1 rendered, 1 with errors: {second}"]
    beside = run("render", first, second, "-f", "txt")  # each beside its own selection: no clash
    assert beside.exit_code == 0 and len(beside.stdout.splitlines()) == 2


def test_a_library_folder_with_no_inspections_says_so(tmp_path):
    (tmp_path / "lib").mkdir()
    result = run("check", KENT, "--library", tmp_path / "lib")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{KENT.relative_to(KENT.parent.parent)}:3:13: error: unknown inspection 'core-business-2014': "
        f"{tmp_path / 'lib'} holds no inspections (no <id>/inspection.yaml) (give the findings library: the folder "
        "holding people.yaml and one folder per inspection)")


def test_an_inspection_yaml_that_is_a_folder_is_no_inspection(tmp_path):
    (tmp_path / "lib" / "core-business-2014" / "inspection.yaml").mkdir(parents=True)
    result = run("check", KENT, "--library", tmp_path / "lib")
    assert "holds no inspections" in result.stderr and "did you mean" not in result.stderr


def test_an_output_folder_is_created_only_when_something_is_written(tmp_path, selection_file):
    broken = selection_file(lambda t: t.replace("salutation:", "salutaton:"))
    assert run("render", broken, "-o", tmp_path / "new" / "sub").exit_code == 1
    assert not (tmp_path / "new").exists()
    assert run("render", KENT, "-o", tmp_path / "new" / "sub", "-f", "txt").exit_code == 0
    assert (tmp_path / "new" / "sub" / "kent.txt").is_file()


def test_the_command_list_needs_no_command_module_and_holds_each_command_s_own_summary():
    import subprocess
    import sys

    from letterforge.cli import COMMANDS

    probe = ("import sys, letterforge.cli as c; from click.testing import CliRunner; "
             "CliRunner().invoke(c.main, ['--help']); "
             "print(sorted(m for m in sys.modules if m.startswith('letterforge.')))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "['letterforge.cli', 'letterforge.cli.streams']"
    context = click.Context(main)
    for name in COMMANDS:
        command = main.get_command(context, name)
        assert command is not None and command.get_short_help_str(1_000) == COMMANDS[name][2], name

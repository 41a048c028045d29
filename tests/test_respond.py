"""The factual-accuracy round: respond reads a force's reply, apply amends the selection in place.

The replies are committed fixtures: tests/fixtures/replies/kent.reply.docx and
kent.unchanged.docx were made by LibreOffice through UNO
(make_libreoffice_replies.py), kent.reply.accepted/rejected.docx are
LibreOffice's own Accept All / Reject All of the reply (libreoffice_changes.py);
tests/fixtures/replies/word/ holds replies in XML the way Word writes it
(make_word_replies.py).  Only the last test needs LibreOffice (it re-makes
the reply), and skips without it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from letterforge.compose.build import build_letter
from letterforge.ooxml.docx_reader import read_docx_paragraphs
from letterforge.respond.reply import read_reply, views

from .conftest import KENT, ROOT, run

REPLIES = ROOT / "tests" / "fixtures" / "replies"
WORD = REPLIES / "word"
LIBREOFFICE_REPLY = REPLIES / "kent.reply.docx"


@pytest.fixture
def kent(tmp_path: Path) -> Path:
    """A copy of examples/kent.yaml to amend."""
    target = tmp_path / "kent.yaml"
    shutil.copyfile(KENT, target)
    return target


def respond(reply: Path, selection: Path, *more: str):
    return run("respond", reply, selection, *more)


def entries(selection: Path) -> list[dict]:
    data = YAML(typ="safe").load(selection.with_name("kent.responses.yaml").read_text(encoding="utf-8"))
    return data["entries"]


def decide(selection: Path, decision: str) -> Path:
    path = selection.with_name("kent.responses.yaml")
    path.write_text(path.read_text(encoding="utf-8").replace("decision: pending", f"decision: {decision}"),
                    encoding="utf-8")
    return path


def texts(blocks) -> list[str]:
    return [b.text for b in blocks]


# ------------------------------------------------------------------ the "done when", LibreOffice's reply


def test_libreoffice_reply_gives_an_entry_for_each_change_and_the_comment(kent):
    result = respond(LIBREOFFICE_REPLY, kent)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("preventing-crime / crime-prevention-training: trained 500 -> 650 (Kent Police, ")
    assert lines[1].startswith("attendance / vulnerable-victims: finding removed (vulnerable-victims/clear-policies)")
    assert lines[2].startswith("attendance / iom: reworded, 82% like iom/not-effective (Kent Police, ")
    assert lines[3].startswith("attendance / named-suspects: comment (Kent Police")
    found = entries(kent)
    assert [e["change"] for e in found] == ["parameter", "removed", "reworded", "comment"]
    assert found[0]["edit"]["values"] == {"trained": 650}
    assert all(e["decision"] == "pending" and e["by"] == "Kent Police" for e in found)
    comment = found[3]["comments"][0]
    assert comment["by"] == "Kent Police"
    assert comment["text"].startswith("The number of named suspects has fallen since the fieldwork")
    assert comment["on"].startswith("The force was able to provide HMIC")


def test_accepting_every_entry_renders_the_reply_as_libreoffice_accepts_it(kent, library):
    original = kent.read_text(encoding="utf-8")
    respond(LIBREOFFICE_REPLY, kent)
    result = run("apply", decide(kent, "accept"))
    assert result.exit_code == 0, result.output
    amended = kent.read_text(encoding="utf-8")
    accepted = [p.text for p in read_docx_paragraphs(REPLIES / "kent.reply.accepted.docx")]
    assert texts(build_letter(kent, library).blocks) == accepted
    assert "crime-prevention-training/delivered: {trained: 650}" in amended
    comments = [line for line in original.splitlines() if line.lstrip().startswith("#")]
    assert comments and all(line in amended.splitlines() for line in comments)
    kept = set(amended.splitlines())
    changed = [line for line in original.splitlines() if line not in kept]
    assert changed == ["    - crime-prevention-training/delivered: {trained: 500}",
                       "    - vulnerable-victims/clear-policies", "    - iom/not-effective"]
    assert (kent.parent / "kent.redline.docx").exists()
    assert "trained 500 -> 650" in result.stdout


def test_rejecting_every_entry_leaves_the_selection_byte_for_byte(kent):
    before = kent.read_bytes()
    respond(LIBREOFFICE_REPLY, kent)
    result = run("apply", decide(kent, "reject"))
    assert result.exit_code == 0, result.output
    assert kent.read_bytes() == before
    assert not (kent.parent / "kent.redline.docx").exists()


def test_the_reply_with_its_changes_rejected_is_the_letter_sent(library):
    rejected = [p.text for p in read_docx_paragraphs(REPLIES / "kent.reply.rejected.docx")]
    assert rejected == texts(build_letter(KENT, library).blocks)
    reply = read_reply(LIBREOFFICE_REPLY)
    assert [v.text for chain in views(reply) for v in chain.before] == rejected
    assert [v.text for chain in views(reply) for v in chain.after] == [
        p.text for p in read_docx_paragraphs(REPLIES / "kent.reply.accepted.docx")]


def test_pending_entries_are_listed_and_left_alone(kent):
    respond(LIBREOFFICE_REPLY, kent)
    path = kent.with_name("kent.responses.yaml")
    text = path.read_text(encoding="utf-8").replace("decision: pending", "decision: accept", 1)
    path.write_text(text, encoding="utf-8")
    result = run("apply", path)
    assert result.exit_code == 0, result.output
    assert result.stdout.count("pending: ") == 3
    assert "{trained: 650}" in kent.read_text(encoding="utf-8")
    assert "vulnerable-victims/clear-policies" in kent.read_text(encoding="utf-8")


def test_a_reply_without_changes(kent):
    result = respond(REPLIES / "kent.unchanged.docx", kent)
    assert result.exit_code == 0, result.output
    assert result.stdout == "no changes proposed\n"


# ------------------------------------------------------------------ refusals


def test_another_forces_reply_is_refused_and_nothing_written(kent):
    result = respond(WORD / "kent.other-force.docx", kent)
    assert result.exit_code == 1
    assert ("kent.other-force.docx: error: this is the letter to Nottinghamshire Police, not Kent Police "
            "(kent.yaml)") in result.stderr
    assert not kent.with_name("kent.responses.yaml").exists()


@pytest.mark.parametrize("name, message", [("kent.truncated.docx", "not a readable DOCX: File is not a zip file"),
                                           ("kent.broken-xml.docx", "its part word/document.xml is not well-formed")])
def test_a_damaged_reply_is_a_located_error(kent, name, message):
    result = respond(WORD / name, kent)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{WORD / name}: error: ") or f"{name}: error: " in result.stderr
    assert message in result.stderr and "Traceback" not in result.output
    assert not kent.with_name("kent.responses.yaml").exists()


def test_a_reply_without_its_identity_is_matched_by_its_words_and_says_so(kent):
    result = respond(WORD / "kent.no-identity.docx", kent)
    assert result.exit_code == 0, result.output
    assert "carries no letterforge identity" in result.stderr and "matched to kent.yaml by its words" in result.stderr
    assert [e["change"] for e in entries(kent)] == ["parameter", "removed", "reworded", "comment"]


def test_an_existing_responses_file_is_kept_without_overwrite(kent):
    respond(LIBREOFFICE_REPLY, kent)
    path = decide(kent, "accept")
    decided = path.read_bytes()
    result = respond(LIBREOFFICE_REPLY, kent)
    assert result.exit_code == 1 and "already exists" in result.stderr
    assert path.read_bytes() == decided
    assert respond(LIBREOFFICE_REPLY, kent, "--overwrite").exit_code == 0


def test_apply_refuses_a_selection_changed_since_respond(kent):
    respond(LIBREOFFICE_REPLY, kent)
    path = decide(kent, "accept")
    kent.write_text(kent.read_text(encoding="utf-8") + "# a later note\n", encoding="utf-8")
    before = kent.read_bytes()
    result = run("apply", path)
    assert result.exit_code == 1
    assert "kent.responses.yaml:" in result.stderr and "has changed since respond read it" in result.stderr
    assert kent.read_bytes() == before


def test_a_bad_decision_is_located(kent):
    respond(LIBREOFFICE_REPLY, kent)
    path = kent.with_name("kent.responses.yaml")
    path.write_text(path.read_text(encoding="utf-8").replace("decision: pending", "decision: maybe", 1),
                    encoding="utf-8")
    result = run("apply", path)
    assert result.exit_code == 1
    assert "decision must be accept, reject or pending, not 'maybe'" in result.stderr
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "maybe" in text)
    assert f"kent.responses.yaml:{line}:" in result.stderr


# ------------------------------------------------------------------ replies in XML as Word writes it


WORD_CASES = {
    "two-in-one": ["attendance / named-suspects: reworded, 96% like named-suspects/robust "
                   "(Jane Smith (Kent Police), Tom Brown (Kent Police), 2014-08-21)"],
    "spanning": ["preventing-crime / prevention-database: reworded, 87% like prevention-database/problem-solving",
                 "preventing-crime / crime-prevention-training: finding removed (crime-prevention-training/delivered)"],
    "split-and-added": ["attendance / iom: reworded, 85% like iom/not-effective",
                        "attendance / new paragraph: paragraph added as free text",
                        "attendance / new paragraph: finding added (iom/well-managed)"],
    "move": ["attendance / named-suspects: moved to place 6 of attendance"],
    "inline-containers": ["to.position: Chief Constable – Kent Police -> Chief Constable Alan Pughsley QPM, – Kent",
                          "salutation: Dear Alan -> Dear Mr Pughsley",
                          "preventing-crime / crime-prevention-training: trained 500 -> 650"],
    "comments": ["preventing-crime / crime-prevention-training: trained 500 -> 650 (Jane Smith (Kent Police), "
                 "2014-08-20); 1 comment",
                 "attendance / named-suspects: comment (Jane Smith (Kent Police), 2014-08-20); 1 comment"],
    "untracked": ["salutation: Dear Alan -> Dear Chief Constable (author unknown, made without tracking)",
                  "preventing-crime / crime-prevention-training: trained 500 -> 650 (Jane Smith (Kent Police), "
                  "2014-08-20)"],
    "variant": ["attendance / iom: variant not-effective -> well-managed (Jane Smith (Kent Police), 2014-08-20)"],
}


@pytest.mark.parametrize("case", list(WORD_CASES))
def test_word_replies_are_classified_and_accepting_them_renders_the_reply(case, kent, library):
    reply = WORD / f"kent.{case}.docx"
    result = respond(reply, kent)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == len(WORD_CASES[case])
    for line, expected in zip(lines, WORD_CASES[case]):
        assert line.startswith(expected), (line, expected)
    assert run("apply", decide(kent, "accept")).exit_code == 0
    wanted = [v.text for chain in views(read_reply(reply)) for v in chain.after]
    assert texts(build_letter(kent, library).blocks) == wanted


def test_formatting_only_changes_are_counted_never_text_changes(kent):
    result = respond(WORD / "kent.formatting-only.docx", kent)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["2 formatting-only changes (not text changes; not in the responses file)",
                                          "no changes proposed"]


def test_comments_keep_their_replies_and_resolution(kent):
    respond(WORD / "kent.comments.docx", kent)
    found = entries(kent)
    assert found[0]["comments"][0]["text"] == "650 as at 1 August 2014."
    thread = found[1]["comments"][0]
    assert thread["text"] == "Please check this figure with the custody team." and thread["resolved"] is False
    assert thread["replies"][0]["by"] == "Tom Brown (Kent Police)"
    assert thread["replies"][0]["resolved"] is True
    assert thread["replies"][0]["text"] == "Checked: the wording is right as it stands."


def test_an_untracked_edit_has_no_author(kent):
    respond(WORD / "kent.untracked.docx", kent)
    first = entries(kent)[0]
    assert first["tracked"] is False and first["by"] == "unknown"
    assert first["edit"] == {"op": "set-field", "field": "salutation", "value": "Dear Chief Constable"}


# ------------------------------------------------------------------ the log


def test_the_log_as_html_and_formula_safe_csv(kent, tmp_path):
    respond(LIBREOFFICE_REPLY, kent)
    path = decide(kent, "accept")
    path.write_text(path.read_text(encoding="utf-8").replace("reason:\n", "reason: =HYPERLINK(\"x\")\n", 1),
                    encoding="utf-8")
    html, csv_file = tmp_path / "log.html", tmp_path / "log.csv"
    assert run("respond", "--log", path, "-o", html).exit_code == 0
    assert run("respond", "--log", path, "-o", csv_file).exit_code == 0
    page = html.read_text(encoding="utf-8")
    assert "<h2 id=\"force-1\">Kent Police</h2>" in page and "trained 500 -&gt; 650" in page
    assert "The number of named suspects has fallen" in page
    import csv
    rows = list(csv.reader(csv_file.open(encoding="utf-8", newline="")))
    assert rows[0][:3] == ["force", "inspection", "entry"] and len(rows) == 5
    assert rows[1][-1] == "'=HYPERLINK(\"x\")" and rows[1][-2] == "accept"


# ------------------------------------------------------------------ the identity in the draft


def test_a_draft_carries_its_identity_and_a_final_letter_none(tmp_path, library):
    from letterforge.ooxml.identity import blocks_digest
    from letterforge.respond.reply import read_reply as read

    result = run("render", KENT, "-f", "docx", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    identity = read(tmp_path / "kent.docx").identity
    assert identity is not None and identity.force == "Kent Police" and identity.selection == "kent.yaml"
    assert identity.digest == blocks_digest(build_letter(KENT, library).blocks)
    assert read(LIBREOFFICE_REPLY).identity is not None  # LibreOffice kept it on save


@pytest.mark.skipif(not (shutil.which("soffice") and Path("/usr/bin/python3").exists()
                         and subprocess.run(["/usr/bin/python3", "-c", "import uno"], capture_output=True).returncode
                         == 0), reason="needs LibreOffice (soffice) and python3-uno")
def test_libreoffice_makes_the_same_reply_again(tmp_path, kent):
    draft = tmp_path / "kent.docx"
    shutil.copyfile(REPLIES / "kent.docx", draft)
    subprocess.run(["/usr/bin/python3", REPLIES / "make_libreoffice_replies.py", draft], check=True,
                   capture_output=True, timeout=120)
    result = respond(tmp_path / "kent.reply.docx", kent)
    assert result.exit_code == 0, result.output
    assert [e["change"] for e in entries(kent)] == ["parameter", "removed", "reworded", "comment"]
    for name in ("kent.head.docx", "kent.moved.docx"):  # the committed replies are what the script makes
        made = respond(tmp_path / name, kent, "--overwrite")
        committed = run("respond", REPLIES / name, kent, "-o", tmp_path / "committed.yaml", "--overwrite")
        assert made.exit_code == committed.exit_code == 0
        strip = [line.rsplit(" (", 1)[0] for line in made.stdout.splitlines()]
        assert strip == [line.rsplit(" (", 1)[0] for line in committed.stdout.splitlines()]


def test_a_hand_broken_edit_is_a_located_error_and_nothing_is_written(kent):
    respond(LIBREOFFICE_REPLY, kent)
    path = decide(kent, "accept")
    path.write_text(path.read_text(encoding="utf-8").replace("index: 3", "index: three", 1), encoding="utf-8")
    before = kent.read_bytes()
    result = run("apply", path)
    assert result.exit_code == 1 and "kent.responses.yaml:" in result.stderr
    assert "Traceback" not in result.output and kent.read_bytes() == before


# ------------------------------------------------------------------ head fields, moves, mixed edits, typed values


def decide_each(selection: Path, decisions: list[str], name: str = "kent.responses.yaml") -> Path:
    path = selection.with_name(name)
    text = path.read_text(encoding="utf-8")
    for decision in decisions:
        text = text.replace("decision: pending", f"decision: {decision}-", 1)
    path.write_text(text.replace("-\n", "\n"), encoding="utf-8")
    return path


def test_head_fields_title_and_introduction_from_libreoffice(kent, library):
    original = kent.read_bytes()
    result = respond(REPLIES / "kent.head.docx", kent)
    assert result.exit_code == 0, result.output
    found = {e["where"]: e for e in entries(kent)}
    assert list(found) == ["letterhead", "date", "to.name", "to.address", "introduction / fieldwork",
                           "freeing-up-time / title", "closing", "signature", "copy_to[0].name",
                           "copy_to[0].position"]
    assert all(e["change"] == "head" for w, e in found.items() if "/" not in w)
    assert found["date"]["edit"] == {"op": "set-field", "field": "date", "value": "2014-09-04"}
    assert found["to.name"]["edit"] == {"op": "set-field", "field": "to.name", "value": "Mr Alan Pughsley QPM"}
    assert found["to.address"]["edit"] == {"op": "insert-field", "field": "to.address", "index": 0,
                                           "value": "Sutton Road, Maidstone ME15 9BZ"}
    assert found["copy_to[0].name"]["edit"]["value"] == "Sonya Gransden-Hill"
    assert found["introduction / fieldwork"]["edit"]["op"] == "set-introduction"
    assert found["freeing-up-time / title"]["edit"] == {"op": "set-title", "section": "freeing-up-time",
                                                       "title": "Freeing up officers’ time"}
    for fixed, where in (("letterhead", "people.yaml"), ("closing", "templates/letter.j2"),
                         ("signature", "people.yaml")):
        assert found[fixed]["edit"] is None and where in found[fixed]["note"]
    result = run("apply", decide(kent, "accept"))
    assert result.exit_code == 0, result.output
    assert "accepted, make by hand: closing: Yours sincerely -> Yours faithfully" in result.stdout
    amended = kent.read_text(encoding="utf-8")
    assert "date: 2014-09-04" in amended and "name: Mr Alan Pughsley QPM" in amended
    assert "position: Force Liaison Officer" in amended
    wanted = [v.text for chain in views(read_reply(REPLIES / "kent.head.docx")) for v in chain.after]
    by_hand = {"letterhead", "closing", "signature"}
    got = [b for b in build_letter(kent, library).blocks]
    assert len(got) == len(wanted)
    assert [b.text for b in got if b.kind not in by_hand] == [t for b, t in zip(got, wanted) if b.kind not in by_hand]
    comments = [line for line in original.decode("utf-8").splitlines() if line.lstrip().startswith("#")]
    assert all(line in amended.splitlines() for line in comments)


def test_rejecting_head_changes_leaves_the_selection_byte_for_byte(kent):
    before = kent.read_bytes()
    respond(REPLIES / "kent.head.docx", kent)
    assert run("apply", decide(kent, "reject")).exit_code == 0
    assert kent.read_bytes() == before


@pytest.mark.parametrize("reply, place", [(REPLIES / "kent.moved.docx", "place 6 of freeing-up-time"),
                                          (WORD / "kent.move-to-section.docx", "place 2 of preventing-crime")])
def test_a_finding_moved_to_another_section_is_one_moved_entry(reply, place, kent, library):
    result = respond(reply, kent)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [f"attendance / named-suspects: moved to {place} "
                                          f"({'Kent Police' if 'moved' in reply.name else 'Jane Smith (Kent Police)'}"
                                          f", {result.stdout.split(', ')[-1].split(')')[0]})"]
    (entry,) = entries(kent)
    assert entry["change"] == "moved" and entry["edit"]["to_section"] in place
    assert entry["edit"]["entry"]["judgement"] == "strength" and "becomes free text" in entry["note"]
    assert run("apply", decide(kent, "accept")).exit_code == 0
    wanted = [v.text for chain in views(read_reply(reply)) for v in chain.after]
    letter = build_letter(kent, library)
    assert texts(letter.blocks) == wanted
    moved = next(b for b in letter.blocks if b.text.startswith("The force was able to provide HMIC"))
    assert moved.provenance.section == place.split(" of ")[1] and moved.provenance.source == "free"
    amended = kent.read_text(encoding="utf-8").splitlines()
    assert [line for line in KENT.read_text(encoding="utf-8").splitlines() if line not in amended] == [
        "    - named-suspects/robust"]
    assert amended.count("") == KENT.read_text(encoding="utf-8").splitlines().count("")  # blank lines kept


TRAINING_AS_SENT = ("The force has already provided formal crime prevention training to 500 officers and staff and "
                    "has plans to extend this further.")


@pytest.mark.parametrize("decisions, words", [
    (["accept", "accept"], TRAINING_AS_SENT.replace("500", "550").replace(
        "has plans to extend this further", "will extend this to all officers by 2015")),
    (["reject", "accept"], TRAINING_AS_SENT.replace("has plans to extend this further",
                                                    "will extend this to all officers by 2015")),
    (["accept", "reject"], TRAINING_AS_SENT.replace("500", "550"))])
def test_untracked_and_tracked_edits_of_one_paragraph_are_two_entries(decisions, words, kent, library):
    result = respond(WORD / "kent.mixed.docx", kent)
    assert result.exit_code == 0, result.output
    first, second = entries(kent)
    assert first["tracked"] is False and first["by"] == "unknown" and first["summary"] == "trained 500 -> 550"
    assert first["edit"]["values"] == {"trained": 550}
    assert second["tracked"] is True and second["by"] == "Jane Smith (Kent Police)"
    assert "500 officers" in second["after"] and "all officers by 2015" in second["after"]
    assert second["together"]["with"] == first["id"] and "550 officers" in second["together"]["after"]
    assert run("apply", decide_each(kent, decisions)).exit_code == 0
    assert words in texts(build_letter(kent, library).blocks)


def test_a_date_looking_text_parameter_stays_text(kent, library):
    assert respond(WORD / "kent.text-date.docx", kent).exit_code == 0
    (entry,) = entries(kent)
    assert entry["edit"]["values"] == {"linked_to": "2014-08-01"}
    assert run("apply", decide(kent, "accept")).exit_code == 0
    assert "linked_to: '2014-08-01'" in kent.read_text(encoding="utf-8")
    block = next(b for b in build_letter(kent, library).blocks if b.provenance.finding == "long-term-initiatives")
    assert block.provenance.params == {"linked_to": "2014-08-01"} and block.text.endswith("linked to 2014-08-01.")


def test_values_are_typed_as_their_parameters_declare():
    import datetime as dt

    from letterforge.errors import LetterforgeError, Location
    from letterforge.respond.typed import typed

    kinds = {"when": "date", "count": "integer", "name": "text", "pick": "choice"}
    values = {"when": "2014-08-01", "count": "650", "name": dt.date(2014, 8, 1), "pick": "2015-01-01"}
    assert typed(values, kinds, Location("r.yaml")) == {"when": dt.date(2014, 8, 1), "count": 650,
                                                          "name": "2014-08-01", "pick": "2015-01-01"}
    assert typed({"when": "2014-08-01"}, None, Location("r.yaml")) == {"when": "2014-08-01"}
    with pytest.raises(LetterforgeError, match="parameter 'count' is declared integer"):
        typed({"count": "many"}, kinds, Location("r.yaml", 3, 5))


ADDRESSED = ("  position: Chief Constable – Kent Police\n", "  position: Chief Constable – Kent Police\n"
             "  address:\n    - Sutton Road\n    - Maidstone ME15 9BZ\n")


def test_address_and_short_copy_to_lines_are_edited_in_place(selection_file, library):
    from letterforge.errors import Location
    from letterforge.load.selection import load_selection
    from letterforge.respond.amend import amend
    from letterforge.respond.classify import Classifier

    path = selection_file(lambda text: text.replace(*ADDRESSED).replace(
        "  - name: Sonya Gransden\n    position: HMIC Liaison Officer\n", "  - Sonya Gransden, HMIC Liaison Officer\n"))
    selection, letter = load_selection(path, library), build_letter(path, library)
    classifier = Classifier(letter.blocks, selection.inspection, selection)
    at = {classifier.where(i)[0]: i for i in range(len(letter.blocks))}
    assert {"to.address[0]", "to.address[1]", "copy_to[0].name", "copy_to[0].position"} <= set(at)
    changes = [classifier.changed(at["to.address[1]"], "Maidstone, Kent ME15 9BZ"),
               classifier.changed(at["to.address[0]"], None),
               classifier.changed(at["copy_to[0].position"], "Force Liaison Officer")]
    assert all(c.change == "head" and c.edit for c in changes)
    text = path.read_text(encoding="utf-8")
    amended = amend(text, [(c.edit, Location("r.yaml")) for c in changes if c.edit], str(path))
    changed = [line for line in amended.splitlines() if line not in text.splitlines()]
    assert changed == ["    - Maidstone, Kent ME15 9BZ", "  - Sonya Gransden, Force Liaison Officer"]
    assert "Sutton Road" not in amended
    path.write_text(amended, encoding="utf-8")
    blocks = texts(build_letter(path, library).blocks)
    assert "Maidstone, Kent ME15 9BZ" in blocks and "Force Liaison Officer" in blocks


def test_a_removal_and_an_insertion_at_one_place_both_happen(kent, library):
    from letterforge.errors import Location
    from letterforge.respond.amend import amend

    text = kent.read_text(encoding="utf-8")
    edits = [({"op": "insert", "section": "attendance", "index": 6, "entry": {"text": "A new paragraph."}},
              Location("r.yaml", 1, 1)),
             ({"op": "remove", "section": "attendance", "index": 6, "finding": "named-suspects"},
              Location("r.yaml", 2, 1))]
    kent.write_text(amend(text, edits, str(kent)), encoding="utf-8")
    attendance = [b.text for b in build_letter(kent, library).blocks if b.provenance.section == "attendance"]
    assert attendance[-1] == "A new paragraph." and not any("named suspects" in t for t in attendance)


def test_head_changes_no_edit_can_make_say_why():
    from letterforge.respond.head import head_change

    assert head_change("date", "3 September 2014", "4th September, 2014", None).edit == {
        "op": "set-field", "field": "date", "value": "2014-09-04"}
    unreadable = head_change("date", "3 September 2014", "early September 2014", None)
    assert unreadable.edit is None and "not a date letterforge can read" in (unreadable.note or "")
    kept = head_change("to.name", "Mr Alan Pughsley", None, None)
    assert kept.edit is None and "must have a recipient" in (kept.note or "")
    layout = head_change("copy_to[0].name", "Copied to Sonya Gransden", "Copy: Sonya Gransden", None)
    assert layout.edit is None and "house layout's wording" in (layout.note or "")
    removed = head_change("copy_to[0].name", "Copied to Sonya Gransden", None, None)
    assert removed.edit == {"op": "remove-field", "field": "copy_to[0]"}
    subject = head_change("subject", "Core business", "Core business 2014", None)
    assert subject.edit is None and "inspection.yaml" in (subject.note or "")


def test_a_recipients_letters_stay_apart_from_the_name(selection_file, library):
    from letterforge.load.selection import load_selection
    from letterforge.respond.head import head_change

    path = selection_file(lambda text: text.replace("  name: Mr Alan Pughsley\n",
                                                    "  name: Mr Alan Pughsley\n  letters: QPM\n"))
    selection = load_selection(path, library)
    kept = head_change("to.name", "Mr Alan Pughsley QPM", "Mr Alan Pughsley-Smith QPM", selection)
    assert kept.edit == {"op": "set-field", "field": "to.name", "value": "Mr Alan Pughsley-Smith"}
    dropped = head_change("to.name", "Mr Alan Pughsley QPM", "Mr A Pughsley", selection)
    assert dropped.edit == {"op": "set-fields", "fields": {"to.name": "Mr A Pughsley", "to.letters": None}}


@pytest.mark.parametrize("sent, untracked, accepted, alone", [
    ("Dear Alan, the 500 officers.", "Dear Chief, the 500 officers.", "Dear Chief, the 650 officers.",
     "Dear Alan, the 650 officers."),
    ("a b c d", "a b c d e", "z a b c d e", "z a b c d"),
    ("a b c", "a x c", "a y c", None)])  # the tracked change rewrites the untracked one: no telling them apart
def test_tracked_changes_alone_are_made_on_the_words_as_sent(sent, untracked, accepted, alone):
    from letterforge.respond.threeway import tracked_only

    assert tracked_only(sent, untracked, accepted) == alone


def test_a_hand_broken_together_is_located(kent):
    respond(WORD / "kent.mixed.docx", kent)
    path = decide(kent, "accept")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    together:\n      with: 1\n", "    together: [1]\n    old_together:\n"
                                 "      with: 1\n", 1), encoding="utf-8")
    before = kent.read_bytes()
    result = run("apply", path)
    line = next(i for i, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "together: [1]" in t)
    assert result.exit_code == 1 and f"kent.responses.yaml:{line}:" in result.stderr
    assert "'together' must be a mapping" in result.stderr and kent.read_bytes() == before


def test_integer_and_date_parameters_are_recovered_and_written_typed(library_copy, selection_file):
    from letterforge.errors import Location
    from letterforge.load.library import Library
    from letterforge.load.selection import load_selection
    from letterforge.respond.amend import amend
    from letterforge.respond.classify import Classifier
    from letterforge.respond.typed import library_types

    from .conftest import edit

    edit(library_copy / "core-business-2014" / "preventing-crime.yaml",
         ("{{ trained }} officers and staff and has plans to extend this further.",
          "{{ trained }} officers and staff and has plans to extend this further by {{ by }}."),
         ("trained: {type: integer, min: 1, help: number of officers and staff trained}",
          "trained: {type: integer, min: 1, help: number of officers and staff trained}\n"
          "          by: {type: date, help: when the training will be extended}"))
    path = selection_file(lambda text: text.replace("{trained: 500}", "{trained: 500, by: 2015-03-31}"))
    custom = Library(library_copy)
    selection, letter = load_selection(path, custom), build_letter(path, custom)
    at = next(i for i, b in enumerate(letter.blocks) if b.provenance.finding == "crime-prevention-training")
    assert letter.blocks[at].text.endswith("to 500 officers and staff and has plans to extend this further by "
                                           "31 March 2015.")
    wanted = letter.blocks[at].text.replace("500", "1,200").replace("31 March 2015", "30 June 2015")
    change = Classifier(letter.blocks, selection.inspection, selection).changed(at, wanted)
    assert change.change == "parameter" and change.summary == "trained 500 -> 1200, by 2015-03-31 -> 2015-06-30"
    assert change.edit is not None and change.edit["values"] == {"trained": 1200, "by": "2015-06-30"}
    amended = amend(path.read_text(encoding="utf-8"), [(change.edit, Location("r.yaml"))], str(path),
                    library_types(custom, "core-business-2014"))
    assert "crime-prevention-training/delivered: {trained: 1200, by: 2015-06-30}" in amended
    path.write_text(amended, encoding="utf-8")
    assert build_letter(path, custom).blocks[at].text == wanted


def test_a_copy_to_entry_deleted_line_by_line_is_removed_whole(kent, library):
    from letterforge.errors import Location
    from letterforge.load.selection import load_selection
    from letterforge.respond.amend import amend
    from letterforge.respond.classify import Classifier

    selection, letter = load_selection(kent, library), build_letter(kent, library)
    classifier = Classifier(letter.blocks, selection.inspection, selection)
    lines = [i for i, b in enumerate(letter.blocks) if b.kind == "copy"]
    edits = [(classifier.changed(i, None).edit, Location("r.yaml", n, 1)) for n, i in enumerate(lines, 1)]
    assert [e for e, _ in edits] == [{"op": "remove-field", "field": "copy_to[0]"},
                                     {"op": "set-field", "field": "copy_to[0].position", "value": None}]
    text = kent.read_text(encoding="utf-8")
    kent.write_text(amend(text, edits, str(kent)), encoding="utf-8")
    assert not [b for b in build_letter(kent, library).blocks if b.kind == "copy"]
    assert "copy_to" not in kent.read_text(encoding="utf-8")


# ------------------------------------------------------------------ a reply's text is held to the selection's rules


def _tampered(reply: Path, target: Path, old: str, new: str) -> Path:
    """A copy of ``reply`` whose document part has ``old`` replaced by ``new`` (as a hostile editor could)."""
    import zipfile

    with zipfile.ZipFile(reply) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                assert old.encode() in data
                data = data.replace(old.encode(), new.encode(), 1)
            out.writestr(item, data)
    return target


def test_a_bidi_override_in_a_reply_is_a_located_error_and_nothing_is_written(kent, tmp_path):
    reply = _tampered(LIBREOFFICE_REPLY, tmp_path / "rlo.docx", "650", "6\u202e50")
    result = respond(reply, kent)
    assert result.exit_code == 1
    assert "\u202e" not in result.output + result.stderr
    assert "rlo.docx" in result.stderr and "paragraph" in result.stderr, result.stderr
    assert not kent.with_name("kent.responses.yaml").exists()


def test_an_author_holding_a_bidi_override_is_shown_escaped(kent, tmp_path):
    """XML cannot hold an escape character, but it can hold a right-to-left override: shown escaped, as git would."""
    reply = _tampered(LIBREOFFICE_REPLY, tmp_path / "bidi.docx", 'w:author="Kent Police"', 'w:author="Kent\u202ePolice"')
    result = respond(reply, kent)
    assert result.exit_code == 0, result.stderr
    assert "\u202e" not in result.output + result.stderr
    assert '"Kent\\342\\200\\256Police"' in result.output, result.output

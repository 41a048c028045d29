"""The head of a letter: letterhead, sender, date, recipient and salutation.

Lines are recognised against the library first (an office's name and
address, a signatory's name and title, joined across wrapped lines) and the
letter's own signature (which names the sender when the library does not, or
when the head was lost); a line that reads as a date is the date; the rest
before the salutation is the recipient, one line per block.  Whatever the
letter does not show gets a stand-in that says so (a missing date: the day
before the embargo, or today when the inspection has no usable embargo).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Mapping

from ..load.library import Library
from ..model import Inspection, Office, Person
from ..load.selection import Recipient
from .foot import Foot
from .result import Head, Paragraph, ReadBlock

SALUTATION = re.compile(r"^Dear\b")
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")
_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%A %d %B %Y", "%B %d, %Y", "%B %d %Y")
_FORCE = re.compile(r"(?:^|\s(?:of|–|—|-|,))\s*([^–—,]*?\b(?:Police|Constabulary)(?: Service| Force)?)\s*$")
_WRAP = 3
"""A known line (an office address) may be wrapped over this many lines."""

STAND_IN_FORCE = "TODO force name"
STAND_IN_RECIPIENT = "TODO recipient's name"
STAND_IN_SALUTATION = "Dear TODO"
STAND_IN_SENDER = Person("inline", "TODO sender's name", "TODO sender's title", None)


@dataclass(frozen=True)
class _Line:
    text: str
    where: int
    role: str = "other"
    key: str | None = None


def parse_date(text: str) -> dt.date | None:
    """``3 September 2014`` (also ``3rd Sept 2014``, ``Wednesday 3 September 2014``, ``September 3, 2014``), or None."""
    cleaned = _ORDINAL.sub(r"\1", text.strip().rstrip(".")).replace("Sept ", "Sep ")
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    return None


def stand_in_date(inspection: Inspection) -> tuple[dt.date, str]:
    """The date written for a letter that shows none, and why: the day before the embargo.

    Without a usable embargo (a draft library may lack one) it is today's
    date, which is read from the clock and marked as a stand-in all the same.
    """
    if inspection.embargo is None:
        return dt.date.today(), "the letter shows no date and the inspection no usable embargo; today's date is written"
    return inspection.embargo.date() - dt.timedelta(days=1), "the letter shows no date; the day before the embargo is written"


def guess_force(lines: list[str]) -> str | None:
    """The force a recipient's lines name ("Chief Constable – Kent Police" -> "Kent Police"), or None."""
    for line in lines[1:] + lines[:1]:
        found = _FORCE.search(line)
        if found and found.group(1).strip():
            return found.group(1).strip()
    return None


def _known_lines(library: Library) -> dict[str, tuple[str, str]]:
    known: dict[str, tuple[str, str]] = {}
    for key, office in library.offices.items():
        known[office.name] = ("office", key)
        if office.address:
            known[" | ".join(office.address)] = ("office", key)
    for key, person in library.people.items():
        known[person.name_with_letters] = ("sender", key)
        known.setdefault(person.name, ("sender", key))
        known.setdefault(person.title, ("title", key))
    return known


def _classify(paragraphs: list[Paragraph], known: Mapping[str, tuple[str, str | None]],
              signature: tuple[str, ...]) -> list[_Line]:
    """Each line of the head, known lines joined across wraps; the signature's name (with letters) and title count."""
    if signature:
        with_signature = dict(known)
        with_signature.setdefault(signature[0], ("sender", None))
        if len(signature) > 1:
            with_signature.setdefault(signature[1], ("title", None))
        known = with_signature
    out: list[_Line] = []
    for paragraph in paragraphs:
        lines, i = paragraph.lines, 0
        while i < len(lines):
            for j in range(min(len(lines), i + _WRAP), i, -1):
                joined = " ".join(lines[i:j])
                if joined in known:
                    role, key = known[joined]
                    out.append(_Line(joined, paragraph.where + i, role, key))
                    i = j
                    break
            else:
                named = bool(signature) and lines[i].startswith(signature[0] + " ")
                out.append(_Line(lines[i], paragraph.where + i, "sender" if named else "other"))
                i += 1
    return out


def read_head(paragraphs: list[Paragraph], salutation: Paragraph | None, foot: Foot, library: Library,
              inspection: Inspection) -> tuple[Head, list[ReadBlock]]:
    """The head of a letter: the paragraphs before the salutation, and the salutation.

    The signature in ``foot`` names the sender when the library does not (or
    the head was lost).  Returns the :class:`Head` and the head's blocks.
    """
    lines = _classify(paragraphs, _known_lines(library), foot.signature)
    sender_at = next((i for i, line in enumerate(lines) if line.role == "sender"), None)
    if sender_at is None:  # no sender line: only the library's letterhead lines can be told apart
        sender_at = next((i for i, line in enumerate(lines) if line.role != "office"), len(lines))
    blocks = [ReadBlock("letterhead", line.text, line.where) for line in lines[:sender_at]]
    date: dt.date | None = None
    date_at: int | None = None
    recipient: list[str] = []
    for line in lines[sender_at:]:
        if line.role in ("sender", "title"):
            blocks.append(ReadBlock("sender", line.text, line.where))
        elif date is None and (parsed := parse_date(line.text)) is not None:
            date, date_at = parsed, len(recipient)
            blocks.append(ReadBlock("date", line.text, line.where))
        else:
            recipient.append(line.text)
            blocks.append(ReadBlock("recipient", line.text, line.where))
    if salutation is not None:
        blocks.append(ReadBlock("salutation", salutation.text, salutation.where))

    stand_ins: dict[str, str] = {}
    sender, sender_key = _sender(lines[sender_at] if sender_at < len(lines) else None, foot.signature, library)
    if sender is STAND_IN_SENDER:
        stand_ins["from"] = "the letter names no signatory in the head or signature"
    letterhead, letterhead_key = _letterhead(lines[:sender_at], sender, library)
    if date is None:
        date, stand_ins["date"] = stand_in_date(inspection)
    if recipient:
        to = Recipient(recipient[0], recipient[1] if len(recipient) > 1 else "", "", tuple(recipient[2:]))
    else:
        to = Recipient(STAND_IN_RECIPIENT)
        stand_ins["to"] = "the letter shows no recipient"
    force = guess_force(recipient)
    if force is None:
        force = STAND_IN_FORCE
        stand_ins["force"] = "the letter does not name the force"
    if salutation is None:
        stand_ins["salutation"] = "the letter has no 'Dear …' line"
    position = "after-address" if recipient and date_at is not None and date_at >= len(recipient) else "before-address"
    head = Head(sender, sender_key, letterhead, letterhead_key, date, position, to,
                salutation.text if salutation else STAND_IN_SALUTATION, force, foot.copy_to, stand_ins)
    return head, blocks


def _letterhead(lines: list[_Line], sender: Person, library: Library) -> tuple[Office | None, str | None]:
    """None for the sender's own office (or no letterhead), else the library office or an inline one."""
    offices = [line.key for line in lines if line.role == "office" and line.key is not None]  # office lines have keys
    inline = [line.text for line in lines if line.role == "other"]
    if inline:
        address = tuple(part.strip() for line in inline[1:] for part in line.split("|"))
        return Office("letterhead", inline[0], address), None
    if offices:
        office = library.offices[offices[0]]
        return (None, None) if sender.office == office else (office, offices[0])
    return None, None


def _sender(head_line: _Line | None, signature: tuple[str, ...], library: Library) -> tuple[Person, str | None]:
    """A library signatory named in the head or signature, else an inline one from them, else a stand-in."""
    if head_line is not None and head_line.role == "sender" and head_line.key is not None:
        return library.people[head_line.key], head_line.key
    for key, person in library.people.items():
        if signature and signature[0] == person.name:
            return person, key
    if signature:
        letters = ""
        if head_line is not None and head_line.role == "sender":
            letters = head_line.text.removeprefix(signature[0]).strip()
        title = signature[1] if len(signature) > 1 else STAND_IN_SENDER.title
        return Person("inline", signature[0], title, None, letters), None
    return STAND_IN_SENDER, None

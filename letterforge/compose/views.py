"""What a layout sees: the one list of the names and fields a letter layout may use.

A layout (``templates/*.j2``) is given the names of
:data:`~letterforge.compose.layout.LAYOUT_NAMES`;
the people and the office among them are the objects below, with every field
of their data, so that a layout can set any office's letterhead and any
signatory's name as that office writes it (``sender.name ~ ", " ~
sender.letters``).  Every text is a :class:`~letterforge.compose.layout.Passage`
carrying its provenance; a text composed in the layout counts as the house
layout's own words.  ``templates/letter.j2``'s header and the README list the
same names: change the three together.
"""

from __future__ import annotations

from dataclasses import dataclass

from .layout import Passage

@dataclass(frozen=True)
class OfficeView:
    """An office as the layout sees it: its name and each line of its address."""

    name: Passage
    address: tuple[Passage, ...]


@dataclass(frozen=True)
class PersonView:
    """The signatory: name, letters after the name, title and office (or none), and name and letters joined."""

    name: Passage
    letters: Passage
    title: Passage
    office: OfficeView | None
    name_with_letters: Passage


@dataclass(frozen=True)
class RecipientView:
    """The recipient: name, letters after the name, position, each address line, and name and letters joined."""

    name: Passage
    letters: Passage
    position: Passage
    address: tuple[Passage, ...]
    name_with_letters: Passage


@dataclass(frozen=True)
class IntroView:
    """One introduction paragraph and its bullets, as the layout sees them."""

    id: str
    text: Passage
    bullets: tuple[Passage, ...]


@dataclass(frozen=True)
class SectionView:
    """One section as the layout sees it: its heading and finding passages."""

    id: str
    title: Passage
    findings: tuple[Passage, ...]

"""What a reviewer needs to know about each block: where its words came from and what the checks found.

Pure: a :class:`~letterforge.letter.Letter` and its check results in, a
:class:`Review` out.  The review page (HTML) and the review copy (DOCX with
comments) both render a :class:`Review`, so they always tell the same story.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..checks.rules import CheckProblem
from ..letter import Block, Letter

FLAGS = {"bespoke": "bespoke wording, not library text", "free": "free text, no library finding"}


@dataclass(frozen=True)
class Segment:
    """A run of a block's text; ``param`` names the parameter when the run is a parameter's value."""

    text: str
    param: str | None = None


@dataclass(frozen=True)
class Annotation:
    """One block as a reviewer sees it."""

    index: int
    block: Block
    problems: tuple[CheckProblem, ...]

    @property
    def anchor(self) -> str:
        """The id the review page gives this block (``b12``), for links from the check results."""
        return f"b{self.index}"

    @property
    def is_finding(self) -> bool:
        """True for a finding under a section (not the introduction's bullets)."""
        return self.block.is_finding

    @property
    def label(self) -> str:
        """``iom/not-effective``, ``introduction / embargo``, ``heading preventing-crime`` or the kind."""
        p = self.block.provenance
        if p.finding:
            name = f"{p.finding}/{p.variant}" if p.variant and p.source == "library" else p.finding
            return name if self.is_finding else f"{p.section} / {name}"
        if self.is_finding:
            return "free paragraph"
        if self.block.kind == "heading" and p.section:
            return f"heading {p.section}"
        return self.block.kind

    @property
    def flag(self) -> str | None:
        """Why this text is not standard wording (``bespoke …``/``free …``), or None for library wording."""
        source = self.block.provenance.source
        if source == "bespoke" or (source == "free" and self.is_finding):
            return FLAGS[source]
        return None

    @property
    def commented(self) -> bool:
        """Whether the review copy comments on this block: library or bespoke wording, free findings, problems."""
        return self.block.provenance.source != "free" or self.is_finding or bool(self.problems)

    def segments(self) -> list[Segment]:
        """The block's text cut at its parameters' values."""
        text, out, position = self.block.text, [], 0
        for span in sorted(self.block.spans, key=lambda s: s.start):
            if span.start > position:
                out.append(Segment(text[position:span.start]))
            out.append(Segment(text[span.start:span.end], span.name))
            position = span.end
        if position < len(text):
            out.append(Segment(text[position:]))
        return out

    def comment_lines(self) -> list[str]:
        """What the review copy's comment on this block says, one line a paragraph."""
        p = self.block.provenance
        head = self.label
        if p.judgement:
            head += f" — {p.judgement}"
        lines = [head, self.flag.upper() if self.flag else "library wording"]
        if p.params:
            lines.append("parameters: " + "; ".join(f"{k} = {_shown(v)}" for k, v in p.params.items()))
        if p.origin:
            lines.append(f"written at {p.origin}")
        lines.extend(f"{problem.severity}: {problem.message}" + (f" ({problem.hint})" if problem.hint else "")
                     for problem in self.problems)
        return lines


@dataclass(frozen=True)
class Review:
    """A letter, its annotated blocks, and every check result (in letter order)."""

    letter: Letter
    annotations: tuple[Annotation, ...]
    problems: tuple[CheckProblem, ...]

    def anchor_of(self, problem: CheckProblem) -> str | None:
        """The anchor of the block a problem concerns, if any."""
        return None if problem.block is None else self.annotations[problem.block].anchor


def review(letter: Letter, problems: list[CheckProblem]) -> Review:
    """Annotate every block of ``letter`` with its provenance and the problems that concern it."""
    by_block: dict[int, list[CheckProblem]] = {}
    for problem in problems:
        if problem.block is not None:
            by_block.setdefault(problem.block, []).append(problem)
    annotations = tuple(Annotation(i, block, tuple(by_block.get(i, ()))) for i, block in enumerate(letter.blocks))
    return Review(letter, annotations, tuple(problems))


def _shown(value: object) -> str:
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return text if len(text) <= 60 else text[:57] + "…"

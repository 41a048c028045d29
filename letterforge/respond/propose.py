"""From a reply and its selection to the proposed changes, in letter order.

The letter the selection renders is the base.  The reply with every tracked
change rejected should read as that letter: where it does not, the force
edited with tracking off, and each such paragraph is a change "made without
tracking" (author unknown).  Each chain of tracked changes
(:func:`~letterforge.respond.reply.views`) pairs the paragraphs it had with
those it would have (the pairing of :func:`letterforge.diff.align.align`), and
each paragraph that differs is classified (:class:`.classify.Classifier`).
Every comment is attached to the entry of its paragraph, or becomes an entry
of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterable

from ..checks.similarity import score
from ..diff.align import align
from ..errors import LetterforgeError, Location, quote_name
from ..extract.match import CLOSE_ENOUGH
from ..letter import Block, Letter
from ..load.selection import Selection
from ..model import Inspection
from ..ooxml.identity import blocks_digest
from .classify import Classifier
from ..ooxml.comments import Comment, threads
from .proposal import Proposal
from .reply import Chain, Reply, ViewParagraph, views
from .threeway import tracked_only


@dataclass(frozen=True)
class Proposals:
    """What a reply proposes: the entries in letter order, notes on how the reply was read, formatting changes."""

    entries: tuple[Proposal, ...]
    notes: tuple[str, ...]
    formatting_only: int


def check_identity(reply: Reply, selection: Selection, letter: Letter) -> list[str]:
    """Refuse a reply to another letter; the notes on how the reply was matched to the selection.

    With its identity: another force's or inspection's letter is a located
    error naming both.  Without it: the words must be at least
    :data:`~letterforge.extract.match.CLOSE_ENOUGH` alike.
    """
    name = quote_name(Path(selection.path).name)
    identity = reply.identity
    if identity is not None:
        if identity.force != selection.force or identity.inspection != selection.inspection.id:
            theirs = identity.force if identity.force != selection.force else f"the {identity.inspection} inspection"
            ours = selection.force if identity.force != selection.force else selection.inspection.id
            raise LetterforgeError(f"this is the letter to {theirs}, not {ours} ({name})", Location(reply.path),
                                   f"it was rendered from {identity.selection}")
        notes = []
        if identity.selection != name:
            notes.append(f"the draft was rendered from {identity.selection}; read against {name}")
        if identity.digest != blocks_digest(letter.blocks):
            notes.append(f"{name} has changed since this draft was rendered: its differences from the draft "
                         "show as changes made without tracking")
        return notes
    theirs = " ".join(v.text for chain in views(reply) for v in chain.before)
    likeness = score(" ".join(b.text for b in letter.blocks), theirs)
    if likeness < CLOSE_ENOUGH:
        raise LetterforgeError(f"this does not read as the letter of {name} ({round(likeness)}% alike) and carries "
                               "no letterforge identity", Location(reply.path),
                               "is this the reply to the draft letterforge rendered from this selection?")
    return [f"{reply.path} carries no letterforge identity (pasted into a new document?): matched to {name} by "
            f"its words ({round(likeness)}% alike)"]


def propose(reply: Reply, letter: Letter, selection: Selection) -> Proposals:
    """Every change and comment of ``reply`` against the letter of ``selection``; pure."""
    notes = check_identity(reply, selection, letter)
    classifier = Classifier(letter.blocks, selection.inspection, selection)
    chains = views(reply)
    before: list[tuple[int, ViewParagraph]] = [(c, v) for c, chain in enumerate(chains) for v in chain.before]
    base = letter.blocks
    kinds = _kinds(base)
    steps = align(base, [_block(v, kinds) for _, v in before])
    base_of: dict[int, int] = {}
    entries: list[tuple[float, Proposal]] = []
    last_base = -1
    for step in steps:
        if step.old_index is not None:
            last_base = step.old_index
        if step.old_index is not None and step.new_index is not None:
            base_of[step.new_index] = step.old_index
        if step.kind == "same":
            continue
        chain = chains[before[step.new_index][0]] if step.new_index is not None else None
        if chain is not None and chain.changed:
            continue  # read with its tracked changes below
        if step.new_index is None:
            assert step.old_index is not None
            proposal = classifier.changed(step.old_index, None)
            entries.append((step.old_index, replace(proposal, tracked=False)))
        elif step.old_index is None:
            view = before[step.new_index][1]
            proposal = classifier.added(last_base if last_base >= 0 else None, view.text, view.kind)
            entries.append((last_base + 0.5, replace(proposal, tracked=False, paragraphs=view.numbers)))
        else:
            proposal = classifier.changed(step.old_index, before[step.new_index][1].text)
            entries.append((step.old_index, replace(proposal, tracked=False,
                                                    paragraphs=before[step.new_index][1].numbers)))

    r_index = 0
    previous_base = -1
    for number, chain in enumerate(chains):
        indices = list(range(r_index, r_index + len(chain.before)))
        r_index += len(chain.before)
        if not chain.changed:
            previous_base = max([base_of[i] for i in indices if i in base_of], default=previous_base)
            continue
        entries.extend(_chain_entries(chain, [(i, base_of.get(i)) for i in indices], base, classifier,
                                      previous_base))
        previous_base = max([base_of[i] for i in indices if i in base_of], default=previous_base)
    entries = _moves(sorted(entries, key=lambda pair: pair[0]), selection.inspection)
    ordered = _with_comments(entries, reply, chains, base_of, classifier)
    return Proposals(tuple(ordered), tuple(notes), reply.formatting_changes)


def _moves(entries: list[tuple[float, Proposal]], inspection: Inspection) -> list[tuple[float, Proposal]]:
    """A finding removed in one place and added word for word in another, as one move (also to another section).

    A library finding moved out of its library section cannot stay a library
    entry there: the moved entry becomes free text with its words and judgement.
    """
    out = list(entries)
    for removed in [pair[1] for pair in entries]:
        if removed.change != "removed" or not removed.edit or removed.edit.get("op") != "remove":
            continue
        for j, (key, added) in enumerate(out):
            edit = added.edit or {}
            if added.change != "added" or added.after != removed.before or edit.get("op") != "insert":
                continue
            source, target = int(removed.edit["index"]), int(edit["index"])
            section, to_section = str(removed.edit["section"]), str(edit["section"])
            move: dict[str, Any] = {**removed.edit, "op": "move", "to": target}
            note = None
            if to_section == section:
                place = f"place {(target if target <= source else target - 1) + 1} of {section}"
            else:
                place = f"place {target + 1} of {to_section}"
                move["to_section"] = to_section
                finding = removed.block.get("finding")
                if finding:
                    move["entry"] = _free_text(str(removed.before), finding, removed.block.get("variant"),
                                               inspection)
                    note = (f"{finding} is a finding of the library's {section} section: in {to_section} it "
                            "becomes free text (its words and judgement kept)")
            out[j] = (key, replace(removed, after=removed.before, change="moved", summary=f"moved to {place}",
                                   edit=move, note=note,
                                   paragraphs=tuple(sorted({*removed.paragraphs, *added.paragraphs})),
                                   by=added.by or removed.by, when=added.when or removed.when,
                                   tracked=added.tracked or removed.tracked))
            out = [pair for pair in out if pair[1] is not removed]
            break
    return out


def _free_text(words: str, finding: str, variant: str | None, inspection: Inspection) -> dict[str, Any]:
    """A free-text entry of ``words`` with the judgement of ``finding``/``variant`` where the library gives one."""
    found = inspection.find(finding)
    chosen = found.variants.get(variant) if found is not None and variant else None
    return {"text": words, **({"judgement": chosen.judgement} if chosen is not None else {})}


def _kinds(base: tuple[Block, ...]) -> dict[str, str]:
    """The kind of each text that one block of the letter has (and no other)."""
    counts: dict[str, int] = {}
    for block in base:
        counts[block.text] = counts.get(block.text, 0) + 1
    return {b.text: b.kind for b in base if counts[b.text] == 1}


def _block(view: ViewParagraph, kinds: dict[str, str]) -> Block:
    """A reply paragraph as a block to align: a paragraph with the very words of a block of the letter has its kind.

    A paragraph style is formatting: LibreOffice gives the paragraph after a
    deleted paragraph mark the deleted paragraph's style (a heading after a
    deleted bullet becomes a bullet), which is no change of its words.
    """
    return Block(kinds.get(view.text, view.kind or "paragraph"), view.text)


def _chain_entries(chain: Chain, mapped: list[tuple[int, int | None]], base: tuple[Block, ...],
                   classifier: Classifier, previous_base: int) -> list[tuple[float, Proposal]]:
    old_views = [view for view, (_, at) in zip(chain.before, mapped) if at is not None]
    old_at = [at for _, at in mapped if at is not None]
    steps = align([base[at] for at in old_at], [_block(v, _kinds(base)) for v in chain.after])
    out: list[tuple[float, Proposal]] = []
    last = previous_base
    for step in steps:
        if step.old_index is not None:
            last = old_at[step.old_index]
        if step.kind == "same":
            continue
        if step.new_index is None:
            assert step.old_index is not None
            view = old_views[step.old_index]
            proposal = classifier.changed(old_at[step.old_index], None)
            out.append((old_at[step.old_index], _by(proposal, chain, view.numbers)))
        elif step.old_index is None:
            view = chain.after[step.new_index]
            proposal = classifier.added(last if last >= 0 else None, view.text, view.kind)
            out.append((last + 0.5, _by(proposal, chain, view.numbers)))
        else:
            view = chain.after[step.new_index]
            at, untracked = old_at[step.old_index], old_views[step.old_index].text
            if untracked != base[at].text:
                out.extend(_mixed(at, base[at].text, untracked, view, chain, classifier))
                continue
            proposal = classifier.changed(at, view.text)
            out.append((at, _by(proposal, chain, view.numbers)))
    return out


def _mixed(at: int, sent: str, untracked: str, view: ViewParagraph, chain: Chain,
           classifier: Classifier) -> list[tuple[float, Proposal]]:
    """A paragraph edited without tracking and with it: an entry for each, so neither is lost in the other.

    The first (author unknown) makes the untracked edit; the second the tracked
    changes alone, made on the words as sent (:func:`.threeway.tracked_only`),
    and, in ``together``, the edit giving the paragraph with both, which
    ``apply`` makes when both are accepted.
    """
    numbers = tuple(sorted(set(view.numbers) | {p.number for p in chain.paragraphs}))
    first = replace(classifier.changed(at, untracked), tracked=False, paragraphs=numbers)
    both = classifier.changed(at, view.text)
    alone = tracked_only(sent, untracked, view.text)
    if alone is None:
        second = replace(both, edit=None, note="the tracked changes rewrite words changed without tracking (the "
                                              "entry before this one): accepting both makes them; this one alone "
                                              "must be made by hand")
    elif alone == sent:
        return [(at, first)]
    else:
        second = classifier.changed(at, alone)
        second = replace(second, note=(f"{second.note}; " if second.note else "") + "the tracked changes alone, "
                         "made on the words as sent; with the untracked entry before this one accepted too, apply "
                         "makes together: (both)")
    second = replace(_by(second, chain, view.numbers), together={"after": view.text, "edit": both.edit})
    return [(at, first), (at, second)]


def _by(proposal: Proposal, chain: Chain, numbers: Iterable[int]) -> Proposal:
    """``proposal`` with the author and date of the latest tracked change in the reply paragraphs ``numbers``."""
    wanted = set(numbers)
    revisions = [r for p in chain.paragraphs if p.number in wanted
                 for r in (*p.revisions, *([p.mark_revision] if p.mark_revision else [])) if r.text.strip()]
    if not revisions:  # the change sits in a neighbour's mark (a paragraph joined to this one)
        revisions = [r for p in chain.paragraphs
                     for r in (*p.revisions, *([p.mark_revision] if p.mark_revision else [])) if r.text.strip()]
    authors = sorted({r.author for r in revisions if r.author})
    dates = sorted(r.date for r in revisions if r.date)
    return replace(proposal, by=", ".join(authors) or None, when=dates[-1] if dates else None,
                   paragraphs=tuple(sorted(wanted | {p.number for p in chain.paragraphs})))


def comment_record(comment: Comment) -> dict[str, Any]:
    """A comment (with its replies) as the responses file writes it."""
    record: dict[str, Any] = {"by": comment.author or "unknown", "when": comment.date, "text": comment.text}
    if comment.anchor:
        record["on"] = comment.anchor
    record["resolved"] = comment.resolved
    if comment.replies:
        record["replies"] = [comment_record(reply) for reply in comment.replies]
    return record


def _with_comments(entries: list[tuple[float, Proposal]], reply: Reply, chains: list[Chain],
                   base_of: dict[int, int], classifier: Classifier) -> list[Proposal]:
    """Each entry with the comments of its paragraphs; the other comments as entries of their own.

    ``entries`` are keyed by their place in the letter (a block's index); so are the comments' own entries.
    """
    comments_of = {p.number: list(p.comments) for p in reply.paragraphs}
    used: set[str] = set()
    keyed: list[tuple[float, Proposal]] = []
    for key, entry in entries:
        ids = [i for n in entry.paragraphs for i in comments_of.get(n, [])]
        found = [c for c in threads(reply.comments, ids) if c.id not in used]
        used.update(c.id for c in found)
        keyed.append((key, replace(entry, comments=tuple(comment_record(c) for c in found)) if found else entry))
    where_of: dict[int, int | None] = {}
    r_index = 0
    for chain in chains:
        for view in chain.before:
            for number in view.numbers:
                where_of[number] = base_of.get(r_index)
            r_index += 1
    for paragraph in reply.paragraphs:
        for comment in threads(reply.comments, list(paragraph.comments)):
            if comment.id in used:
                continue
            used.add(comment.id)
            at = where_of.get(paragraph.number)
            if at is not None:
                where, info = classifier.where(at)
                text = classifier.blocks[at].text
            else:
                where, info, text = f"paragraph {paragraph.number}", {}, paragraph.after
            proposal = Proposal(where, info, text, text, "comment", "comment", None, by=comment.author,
                                when=comment.date, comments=(comment_record(comment),),
                                paragraphs=(paragraph.number,))
            keyed.append((at + 0.25 if at is not None else float(len(classifier.blocks)), proposal))
    for comment in reply.comments.values():  # a comment with no anchor in the body
        if comment.parent is None and comment.id not in used:
            keyed.append((float(len(classifier.blocks) + 1), Proposal("letter", {}, None, None, "comment", "comment", None,
                                                   by=comment.author, when=comment.date,
                                                   comments=(comment_record(comment),))))
    return [p for _, p in sorted(keyed, key=lambda pair: pair[0])]

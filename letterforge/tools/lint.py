"""``library lint``: every problem of a findings library in one run, each located.

Errors are definite defects — a letter would fail, lose what a selection
wrote, or print an unfinished sentence:

- a folder with no inspection (no ``<id>/inspection.yaml``): not a findings
  library at all, and the only problem reported;
- anything the loader refuses (bad YAML, unknown keys, duplicate ids,
  invalid phrasings, a parameter used but not declared …);
- an embargo that is missing or invalid (drafts render without one, but
  every final letter of the inspection is refused);
- a parameter declared but never used (a value written in a selection would
  silently vanish from the letter);
- an optional parameter printed outside an ``{% if %}`` on it (a letter that
  leaves it out would print a gap: "Detail: .");
- a layout of the library's own (``templates/*.j2``) that cannot be read,
  does not parse, or breaks the layout grammar;
- a finding's phrasing that does not end with a full stop;
- a selection given with ``--selections`` that does not load.

Warnings are worth a reviewer's look but may be meant:

- two variants that say nearly the same thing (unless one says it ``rewords:``
  the other: letters have used both wordings);
- a house-style term spelt two ways across the library ("front-line", "frontline");
- a finding that no selection given with ``--selections`` uses;
- a YAML file in an inspection's folder that is not one of its sections
  (looked for once the inspection loads without errors);
- no ``people.yaml``: a selection can then only be signed by a signatory it
  writes out in full (``from: {name: …, title: …}``), and one that names a
  signatory (``from: zoe-billingham``) will not load.  Not given when every
  selection checked with ``--selections`` loads: none of them needs it.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Iterable

from jinja2 import nodes

from .catalog import inspection_ids
from ..errors import LetterforgeError, LetterforgeWarning, Location, flatten
from ..compose.layout import LAYOUT_SUFFIX, compile_layout
from ..load.library import INSPECTION_FILE, PEOPLE_FILE, Library
from ..model import Inspection, Variant
from ..load.names import check_identifier
from ..language.phrasing import Phrasing, environment, fold
from ..load.selection import Selection, load_selection
from ..checks.similarity import similar_pairs, word_edits
from ..checks.terms import spelling_clashes
from ..wording import count

NEAR_DUPLICATE_SCORE = 90
"""Two phrasings at least this alike (0–100, :func:`letterforge.checks.similarity.score`) say nearly the same thing."""

_CLOSERS = "’”'\")]"


def lint(library: Library, selections: Iterable[Path] = ()) -> list[LetterforgeError]:
    """Every error and warning of ``library``, in file order; ``selections`` are checked for unused findings."""
    found: list[LetterforgeError] = []
    try:
        ids = inspection_ids(library)
    except LetterforgeError as e:
        return [e]  # not a findings library: its other "problems" would only be noise
    try:
        library.people
    except LetterforgeError as e:
        found += flatten(e)
    inspections = []
    for inspection_id in ids:
        try:
            check_identifier(inspection_id, "inspection", Location.of_file(library.root / inspection_id))
        except LetterforgeError as e:
            found.append(e)
            continue
        inspection, problems = library.inspection_with_problems(inspection_id)
        found += problems.errors
        if inspection is not None:
            inspections.append(inspection)
            if inspection.embargo_problem is not None:
                found.append(inspection.embargo_problem)
            found += _lint_inspection(inspection)
            if not problems.errors:  # a section that failed to load would look like a stray file
                found += _stray_files(inspection, library.root / inspection_id)
    found += _layouts(library.root)
    paths = list(selections)
    loaded, unloaded = _load_selections(library, paths)
    found += unloaded
    if paths:
        found += _unused_findings(inspections, loaded, len(paths))
    if not (library.root / PEOPLE_FILE).exists() and (not paths or unloaded):
        found.append(_no_people(library.root))
    unique = {e.format_message(): e for e in found}
    return sorted(unique.values(), key=lambda e: (e.location or Location(""), e.format_message()))


def ends_with_full_stop(phrasing: Phrasing) -> bool:
    """Whether the last literal text of ``phrasing`` (after any placeholders or tags that follow it) ends a sentence.

    A closing quote or bracket after the full stop is allowed; a phrasing that
    is only placeholders counts as ending well (its values decide).
    """
    literal = [value for _, kind, value in environment().lex(phrasing.source) if kind == "data" and value.strip()]
    return not literal or literal[-1].rstrip().rstrip(_CLOSERS).endswith(".")


def _printed_unguarded(variant: Variant) -> list[str]:
    """The optional parameters ``variant`` prints outside an ``{% if %}`` whose test names them, in order."""
    optional = {name for name, param in variant.params.items() if not param.required}
    if not optional or variant.phrasing.template is None:
        return []
    printed: list[str] = []
    stack: list[tuple[nodes.Node, frozenset[str]]] = [(environment().parse(variant.phrasing.source), frozenset())]
    while stack:
        node, guarded = stack.pop()
        if isinstance(node, nodes.If):
            names = (node.test, *node.test.find_all(nodes.Name))  # find_all yields only what is below the test
            tested = guarded | {n.name for n in names if isinstance(n, nodes.Name)}
            stack.extend((child, tested) for child in node.body)
            stack.extend((child, guarded) for child in (*node.elif_, *node.else_))
            continue
        if isinstance(node, nodes.Output):
            printed += [n.name for n in node.find_all(nodes.Name) if n.name in optional - guarded]
        stack.extend((child, guarded) for child in node.iter_child_nodes())
    return list(dict.fromkeys(printed))


def _layouts(root: Path) -> list[LetterforgeError]:
    """The problems of the library's own layouts (``templates/*.j2``), which letters use before the shipped ones."""
    found: list[LetterforgeError] = []
    for path in sorted((root / "templates").glob(f"*{LAYOUT_SUFFIX}")):
        try:
            compile_layout(path)
        except LetterforgeError as e:
            found.append(e)
    return found


def _lint_inspection(inspection: Inspection) -> list[LetterforgeError]:
    found: list[LetterforgeError] = []
    variants = list(inspection.variants())
    for variant in variants:
        name = f"{variant.finding}/{variant.id}"
        for param in variant.params.values():
            if param.name not in variant.phrasing.variables:
                found.append(LetterforgeError(
                    f"variant '{name}' declares parameter '{param.name}' but its text never uses it",
                    param.location, f"write {{{{ {param.name} }}}} in the text, or remove the parameter"))
        for unguarded in _printed_unguarded(variant):
            found.append(LetterforgeError(
                f"variant '{name}' prints optional parameter '{unguarded}' outside an {{% if {unguarded} %}}",
                variant.phrasing.location, f"a letter that leaves '{unguarded}' out would print a gap; "
                                           f"write {{% if {unguarded} %}}…{{{{ {unguarded} }}}}…{{% endif %}}"))
        if not ends_with_full_stop(variant.phrasing):
            found.append(LetterforgeError(f"variant '{name}' does not end with a full stop", variant.phrasing.location))
    found += _near_duplicates(variants)
    found += _spelling_clashes(inspection)
    return found


def _reworded_on_purpose(a: Variant, b: Variant) -> bool:
    """True when the library marks one of two variants of a finding as rewording the other (``rewords:``)."""
    return a.finding == b.finding and (a.rewords == b.id or b.rewords == a.id)


def _near_duplicates(variants: list[Variant]) -> list[LetterforgeError]:
    texts = [(v, fold(v.phrasing.source)) for v in variants]
    warnings: list[LetterforgeError] = []
    for first, second, _ in similar_pairs(texts, NEAR_DUPLICATE_SCORE):
        if _reworded_on_purpose(first, second):
            continue
        edits = word_edits(first.phrasing.source, second.phrasing.source)
        warnings.append(LetterforgeWarning(
            f"variants '{first.finding}/{first.id}' and '{second.finding}/{second.id}' say nearly the same thing "
            f"({count(edits, 'word')} differ{'s' if edits == 1 else ''})",
            second.phrasing.location,
            f"keep one, make the difference a parameter, or mark one 'rewords: {first.id}' if letters need both"))
    return warnings


def _spelling_clashes(inspection: Inspection) -> list[LetterforgeError]:
    texts: list[tuple[Location, str]] = [(v.phrasing.location, v.phrasing.source) for v in inspection.variants()]
    for part in inspection.introduction:
        texts += [(p.location, p.source) for p in (part.phrasing, *part.bullets)]
    warnings: list[LetterforgeError] = []
    for clash in spelling_clashes(texts):
        (first, first_place), (later, later_place) = sorted(clash.spellings.items(), key=lambda item: item[1])[:2]
        warnings.append(LetterforgeWarning(
            f"‘{later}’ is also written ‘{first}’ in this library", later_place,
            f"‘{first}’ at {first_place}; the house style spells a term one way"))
    return warnings


def _stray_files(inspection: Inspection, folder: Path) -> list[LetterforgeError]:
    sections = {f"{section_id}.yaml" for section_id in inspection.sections} | {INSPECTION_FILE}
    return [LetterforgeWarning(f"not a section of inspection '{inspection.id}', so no letter uses it",
                               Location.of_file(path), f"list '{path.stem}' under sections in {INSPECTION_FILE}")
            for path in sorted(folder.glob("*.yaml")) if path.name not in sections]


def _load_selections(library: Library, paths: list[Path]) -> tuple[list[Selection], list[LetterforgeError]]:
    """The selections at ``paths`` that load, and the problems of those that do not."""
    loaded: list[Selection] = []
    problems: list[LetterforgeError] = []
    for path in paths:
        try:
            loaded.append(load_selection(path, library))
        except LetterforgeError as e:
            problems += flatten(e)
    return loaded, problems


def _unused_findings(inspections: list[Inspection], selections: list[Selection], checked: int
                     ) -> list[LetterforgeError]:
    """A warning for each finding of an inspection some selection is of that none of ``selections`` uses."""
    found: list[LetterforgeError] = []
    used: dict[str, set[str]] = defaultdict(set)
    for selection in selections:
        used[selection.inspection.id].update(
            choice.finding.id for section in selection.sections for choice in section.choices if choice.finding)
    hint = f"{count(checked, 'selection')} checked"
    for inspection in inspections:
        if inspection.id not in used:
            continue
        for section in inspection.sections.values():
            for finding in section.findings.values():
                if finding.id not in used[inspection.id]:
                    found.append(LetterforgeWarning(f"no selection uses finding '{finding.id}'", finding.location,
                                                    hint))
    return found


def _no_people(root: Path) -> LetterforgeError:
    return LetterforgeWarning(
        f"no {PEOPLE_FILE} here, so a selection that names its signatory (from: zoe-billingham) will not load",
        Location.of_file(root), f"add {PEOPLE_FILE}, or write each selection's from: in full as {{name: …, title: …}}")


def summary(problems: list[LetterforgeError]) -> str:
    """``2 errors, 1 warning``."""
    errors = sum(1 for p in problems if p.severity == "error")
    return f"{count(errors, 'error')}, {count(len(problems) - errors, 'warning')}"

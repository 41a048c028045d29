"""Sample inputs at national scale: selections for every force, and a large generated findings library.

The benchmark and the batch tests share these.  Everything is derived from a
seed, so the same call writes the same files.  Selections are "Kent-sized": 16
findings under three sections, one of them in bespoke wording, like the real
letter to Kent Police.

    write_selections(folder, 43)                       # against the shipped library
    write_library(folder / "library", findings=500)    # a 500-finding inspection
    write_selections(folder / "many", 1000, library=folder / "library", inspection=GENERATED_INSPECTION)
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import shutil
from pathlib import Path

import yaml

from letterforge.load.library import Library
from letterforge.model import Inspection, Variant
from letterforge.resources import default_library

FORCES = (
    "Avon and Somerset Constabulary", "Bedfordshire Police", "Cambridgeshire Constabulary", "Cheshire Constabulary",
    "City of London Police", "Cleveland Police", "Cumbria Constabulary", "Derbyshire Constabulary",
    "Devon and Cornwall Police", "Dorset Police", "Durham Constabulary", "Dyfed-Powys Police", "Essex Police",
    "Gloucestershire Constabulary", "Greater Manchester Police", "Gwent Police", "Hampshire Constabulary",
    "Hertfordshire Constabulary", "Humberside Police", "Kent Police", "Lancashire Constabulary",
    "Leicestershire Police", "Lincolnshire Police", "Merseyside Police", "Metropolitan Police Service",
    "Norfolk Constabulary", "North Wales Police", "North Yorkshire Police", "Northamptonshire Police",
    "Northumbria Police", "Nottinghamshire Police", "South Wales Police", "South Yorkshire Police",
    "Staffordshire Police", "Suffolk Constabulary", "Surrey Police", "Sussex Police", "Thames Valley Police",
    "Warwickshire Police", "West Mercia Police", "West Midlands Police", "West Yorkshire Police", "Wiltshire Police",
)
"""The 43 police forces of England and Wales."""

SHIPPED_INSPECTION = "core-business-2014"
GENERATED_INSPECTION = "generated-inspection"
FINDINGS_PER_SECTION = (4, 7, 5)
"""How many findings a Kent-sized letter has under each section."""

SENTENCES = (
    "The force has a clear plan for this area of its work and staff at all levels understand it.",
    "Supervisors review the work regularly and act on what they find.",
    "The inspection found examples of good practice that other forces could learn from.",
    "Arrangements with partner organisations are well established and support this approach.",
    "Performance is monitored by senior leaders through the force's governance meetings.",
    "Staff told us that the training they had received was useful and relevant to their role.",
    "The force recognises that there is more to do and has plans in place to improve.",
    "Records were not always complete, which makes it harder to understand the demand on the force.",
)


def write_selections(folder: Path, count: int, library: Path | None = None,
                     inspection: str = SHIPPED_INSPECTION, seed: int = 2014) -> list[Path]:
    """Write ``count`` selections into ``folder`` (``001-kent-police.yaml`` …), one per force, cycling the 43 names.

    Each chooses Kent-sized findings from ``inspection`` of ``library`` (the
    shipped one by default) with random variants and filled parameters.
    """
    chosen = Library(library or default_library()).inspection(inspection)
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(1, count + 1):
        force = FORCES[(number - 1) % len(FORCES)]
        path = folder / f"{number:04d}-{force.lower().replace(' ', '-')}.yaml"
        path.write_text(_selection_yaml(chosen, force, rng), encoding="utf-8")
        paths.append(path)
    return paths


def _selection_yaml(inspection: Inspection, force: str, rng: random.Random) -> str:
    sections: dict[str, list] = {}
    bespoke_at = rng.randrange(sum(FINDINGS_PER_SECTION))
    entry_number = 0
    for section, wanted in zip(inspection.sections.values(), FINDINGS_PER_SECTION * len(inspection.sections)):
        entries: list = []
        for finding in rng.sample(list(section.findings.values()), min(wanted, len(section.findings))):
            if entry_number == bespoke_at:
                entries.append({finding.id: {"text": f"{rng.choice(SENTENCES)} {rng.choice(SENTENCES)}"}})
            else:
                variant = rng.choice(list(finding.variants.values()))
                params = _parameter_values(variant, rng)
                reference = f"{finding.id}/{variant.id}"
                entries.append({reference: params} if params else reference)
            entry_number += 1
        sections[section.id] = entries
    document = {
        "inspection": inspection.id,
        "force": force,
        "date": dt.date(2014, 9, 3),
        "status": "draft",
        "from": "zoe-billingham",
        "to": {"name": "The Chief Constable", "position": f"Chief Constable – {force}"},
        "salutation": "Dear Chief Constable",
        "sections": sections,
        "copy_to": [f"The Liaison Officer, {force}"],
    }
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


def _parameter_values(variant: Variant, rng: random.Random) -> dict:
    values: dict = {}
    for name, param in variant.params.items():
        if not param.required and rng.random() < 0.5:
            continue
        if param.type == "integer":
            values[name] = rng.randint(param.minimum or 1, param.maximum or 2000)
        elif param.type == "date":
            values[name] = dt.date(2014, rng.randint(1, 8), rng.randint(1, 28))
        elif param.type == "choice":
            values[name] = rng.choice(param.choices)
        else:
            values[name] = rng.choice(SENTENCES)
    return values


def write_library(folder: Path, findings: int = 500, sections: int = 5, seed: int = 500) -> Path:
    """Write a findings library with one inspection of ``findings`` findings over ``sections`` sections.

    Its people are the shipped library's; each finding has two or three
    variants (strength, improvement, neutral) of about Kent's length; a
    quarter take an integer or text parameter, as in the shipped library.  Returns ``folder``.
    """
    rng = random.Random(seed)
    inspection_folder = folder / GENERATED_INSPECTION
    inspection_folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(default_library() / "people.yaml", folder / "people.yaml")
    section_ids = [f"section-{n}" for n in range(1, sections + 1)]
    inspection = {
        "title": "A generated inspection of police work at national scale",
        "embargo": "2014-09-04 00:01",
        "introduction": [
            {"id": "purpose", "text": "HMIC inspected all 43 forces in England and Wales for ‘{{ title }}’."},
            {"id": "embargo", "text": "The national report will be published on {{ embargo }}."},
        ],
        "lead_in": "Findings that specifically relate to your force are;",
        "sections": [{"id": s, "title": f"Section {n}"} for n, s in enumerate(section_ids, 1)],
    }
    _dump(inspection, inspection_folder / "inspection.yaml")
    per_section = -(-findings // sections)
    for n, section_id in enumerate(section_ids):
        first = n * per_section
        numbers = range(first + 1, min(findings, first + per_section) + 1)
        _dump({"findings": {f"finding-{k:03d}": _finding(k, rng) for k in numbers}},
              inspection_folder / f"{section_id}.yaml")
    return folder


def _finding(number: int, rng: random.Random) -> dict:
    variants = {}
    for judgement in ("strength", "improvement", "neutral")[: rng.choice((2, 3))]:
        text = " ".join(rng.sample(SENTENCES, 3))
        variant: dict = {"judgement": judgement, "text": text}
        kind = rng.choice((None, None, None, None, None, None, "integer", "text"))  # a quarter take a parameter, as in the shipped library
        if kind == "integer":
            variant["text"] = f"{text} The force has trained {{{{ trained }}}} officers and staff."
            variant["params"] = {"trained": {"type": "integer", "min": 1, "help": "officers and staff trained"}}
        elif kind == "text":
            variant["text"] = f"{text} {{{{ evidence }}}}"
            variant["params"] = {"evidence": {"type": "text", "help": "what the inspection found"}}
        variants[judgement] = variant
    return {"topic": f"Topic number {number}", "variants": variants}


def _dump(data: dict, path: Path) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")


_SYLLABLES = ("ar", "ben", "cor", "dal", "en", "fir", "gal", "har", "is", "jor", "kel", "lim", "mor", "nel", "or",
              "pel", "quin", "ros", "sel", "tor", "ul", "ver", "wen", "yor", "zan")
_FUNCTION_WORDS = ("the", "force", "of", "and", "to", "in", "has", "that", "with", "for", "its", "is", "are", "on",
                   "by", "officers", "staff", "this", "which", "was", "were", "work", "police", "public", "we")


def lint_vocabulary(size: int, seed: int = 17) -> list[str]:
    """``size`` made-up words of two to four syllables (at most 400,000), all different, in a fixed order."""
    rng = random.Random(seed)
    words: list[str] = []
    seen: set[str] = set()
    while len(words) < size:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 3, 3, 4))))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def write_lint_library(folder: Path, findings: int, duplicates_every: int = 50, seed: int = 900) -> tuple[Path, int]:
    """A library whose variants are all unlike each other but for planted near-duplicates; it and how many.

    Each finding has two variants of two or three sentences; a sentence mixes
    common words with words drawn from a vocabulary that grows with the
    library (a real library's wording does: each topic brings its own
    terms), most often the first ones (Zipf-like).  Every
    ``duplicates_every``-th finding's second variant is an earlier finding's
    first with one word changed: the near-duplicate ``library lint`` must warn about.
    """
    rng = random.Random(seed)
    vocabulary = lint_vocabulary(max(2000, findings * 4))
    cumulative = list(itertools.accumulate(1 / (rank + 10) for rank in range(len(vocabulary))))
    firsts: list[str] = []
    planted = 0

    def sentence() -> str:
        count = rng.randint(9, 16)
        picked = [rng.choice(_FUNCTION_WORDS) if rng.random() < 0.45 else rng.choices(vocabulary, cum_weights=cumulative)[0]
                  for _ in range(count)]
        return " ".join(picked).capitalize() + "."

    inspection_folder = folder / GENERATED_INSPECTION
    inspection_folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(default_library() / "people.yaml", folder / "people.yaml")
    sections = max(5, -(-findings // 500))  # a file of 500 findings stays well inside the loader's limits
    per_section = -(-findings // sections)
    _dump({"title": "A generated inspection for the lint", "embargo": "2014-09-04 00:01",
           "introduction": [{"id": "purpose", "text": "HMIC inspected every force."}],
           "lead_in": "Findings that specifically relate to your force are;",
           "sections": [{"id": f"section-{n}", "title": f"Section {n}"} for n in range(1, sections + 1)]},
          inspection_folder / "inspection.yaml")
    number = 0
    for n in range(1, sections + 1):
        section: dict = {}
        for _ in range(min(per_section, findings - number)):
            number += 1
            first = " ".join(sentence() for _ in range(rng.choice((2, 3))))
            if number % duplicates_every == 0 and firsts:
                words = rng.choice(firsts).split(" ")
                at = rng.randrange(1, len(words) - 1)
                words[at] = rng.choice(vocabulary)
                second = " ".join(words)
                planted += 1
            else:
                second = " ".join(sentence() for _ in range(rng.choice((2, 3))))
            firsts.append(first)
            section[f"finding-{number:05d}"] = {"topic": f"Topic {number}", "variants": {
                "strength": {"judgement": "strength", "text": first},
                "improvement": {"judgement": "improvement", "text": second}}}
        (inspection_folder / f"section-{n}.yaml").write_text(
            yaml.dump({"findings": section}, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=100),
            encoding="utf-8")
    return folder, planted

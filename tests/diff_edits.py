"""Edits of examples/kent.yaml that make a second draft, shared by the diff tests."""

from __future__ import annotations


def parameter_and_salutation(text: str) -> str:
    """The issue's case: one parameter 500 -> 650 and the salutation."""
    return text.replace("{trained: 500}", "{trained: 650}").replace("Dear Alan", "Dear Mr Pughsley")


def variant(text: str) -> str:
    return text.replace("iom/not-effective", "iom/well-managed")


def added_and_removed(text: str) -> str:
    """prevention-database removed; quality-of-service added after named-suspects."""
    return (text.replace("    - prevention-database/problem-solving\n", "")
            .replace("    - named-suspects/robust\n",
                     "    - named-suspects/robust\n    - quality-of-service/good-checks\n"))


def sections_swapped(text: str) -> str:
    """freeing-up-time before attendance."""
    head, rest = text.split("  attendance:\n")
    attendance, rest = rest.split("  freeing-up-time:\n")
    freeing_up_time, tail = rest.split("\ncopy_to:")
    return f"{head}  freeing-up-time:\n{freeing_up_time}\n  attendance:\n{attendance}\ncopy_to:{tail}"


def finding_moved(text: str) -> str:
    """iom after named-suspects instead of before it."""
    return (text.replace("    - iom/not-effective\n", "")
            .replace("    - named-suspects/robust\n", "    - named-suspects/robust\n    - iom/not-effective\n"))


def copy_to_removed(text: str) -> str:
    """The letter ends earlier: the copy-to lines go."""
    return text.split("copy_to:")[0]


def copy_to_changed(text: str) -> str:
    """The letter's last paragraph says something else entirely."""
    return text.replace("HMIC Liaison Officer", "Director of Strategic Change")


def wording_and_title(text: str) -> str:
    """Bespoke wording changed, a long text parameter changed, a section retitled, a free paragraph added."""
    return (text.replace("frontline officers", "front-line officers")
            .replace("several days", "two days")
            .replace("  attendance:\n    - attendance-policy",
                     "  attendance:\n   title: Crime recording and attendance\n   findings:\n    - attendance-policy")
            .replace("    - mobile-technology/investment\n",
                     "    - mobile-technology/investment\n"
                     "    - text: A free paragraph that no library finding covers.\n"))

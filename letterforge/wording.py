"""How counts read in messages: "1 word", "3 words"."""

from __future__ import annotations


def count(n: int, noun: str) -> str:
    """``n`` and ``noun``, the noun in the plural unless ``n`` is 1 ("1 check", "2 checks", "0 errors")."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"

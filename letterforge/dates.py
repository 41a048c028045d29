"""How dates and instants read in a letter ("3 September 2014", "Thursday 4 September 2014 at 00:01")."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def long_date(day: dt.date) -> str:
    """``3 September 2014``: no leading zero, month in full."""
    return f"{day.day} {day:%B %Y}"


def embargo_phrase(instant: dt.datetime) -> str:
    """``Thursday 4 September 2014 at 00:01``; the weekday is computed from the instant."""
    return f"{instant:%A} {long_date(instant)} at {instant:%H:%M}"


class NotALondonTime(ValueError):
    """A local time that Europe/London skips (clocks go forward) or passes twice (clocks go back)."""


def embargo_instant(local: dt.datetime) -> dt.datetime:
    """A naive local time read from the library, placed in Europe/London.

    Raises :class:`NotALondonTime` for a time that does not exist or is
    ambiguous there, since an embargo must name exactly one instant.
    """
    first, second = local.replace(tzinfo=LONDON, fold=0), local.replace(tzinfo=LONDON, fold=1)
    if first.utcoffset() != second.utcoffset():
        skipped = first.astimezone(dt.timezone.utc).astimezone(LONDON).replace(tzinfo=None) != local
        raise NotALondonTime("does not exist in London (the clocks go forward)" if skipped
                             else "happens twice in London (the clocks go back)")
    return first

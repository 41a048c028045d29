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


def embargo_instant(local: dt.datetime) -> dt.datetime:
    """A naive local time read from the library, placed in Europe/London."""
    return local.replace(tzinfo=LONDON)

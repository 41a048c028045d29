"""The live preview's pages: the review page made live, and the page of a selection that does not load.

:func:`live_page` adds to a review page (:mod:`letterforge.render.review_html`)
the small script that listens to the preview server's events (``/events``,
server-sent) and puts each new version of the page in place of the old one,
keeping the reader's scroll position: no reload.  :func:`error_page` shows the
located problems of a selection (or library) that cannot be rendered where the
letter was, each with the line it points at; it is live in the same way, so the
letter comes back as soon as the file is fixed.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

LIVE_SCRIPT = """<script>
(function () {
  var shown = %(version)d;
  var events = new EventSource("/events");
  events.onmessage = function (event) {
    var update = JSON.parse(event.data);
    if (update.version === shown) { return; }
    shown = update.version;
    var page = new DOMParser().parseFromString(update.html, "text/html");
    var scrolled = window.scrollY;
    document.title = page.title;
    document.head.innerHTML = page.head.innerHTML;
    document.body.replaceWith(document.adoptNode(page.body));
    window.scrollTo(0, scrolled);
  };
})();
</script>
"""


@dataclass(frozen=True)
class Problem:
    """One located problem as the error page shows it: its message line and the line of the file it points at."""

    message: str
    severity: str
    excerpt: str | None = None
    column: int = 0


def live_page(page: str, version: int) -> str:
    """``page`` (a whole HTML document) with the script that keeps it up to date from version ``version`` on."""
    script = LIVE_SCRIPT % {"version": version}
    at = page.rfind("</body>")
    return page[:at] + script + page[at:] if at >= 0 else page + script


def error_page(selection: str, problems: list[Problem]) -> str:
    """A whole HTML document listing ``problems`` of the selection shown as ``selection``, in the letter's place."""
    items = []
    for problem in problems:
        excerpt = ""
        if problem.excerpt is not None:
            caret = " " * max(problem.column - 1, 0) + "^"
            excerpt = f'<pre class="excerpt">{html.escape(problem.excerpt)}\n{caret}</pre>'
        items.append(f'<li class="{html.escape(problem.severity)}"><code>{html.escape(problem.message)}</code>'
                     f"{excerpt}</li>")
    count = f"{len(problems)} problem{'' if len(problems) == 1 else 's'}"
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="generator" content="letterforge">
<title>Problems – {html.escape(selection)}</title>
<style>
  body {{ margin: 0; background: #eef0f3; color: #1f1f1f; font: 15px/1.5 Arial, "Liberation Sans", sans-serif; }}
  .page {{ max-width: 1080px; margin: 24px auto; background: #fff; padding: 32px 40px 48px;
           box-shadow: 0 1px 4px rgba(0,0,0,.15); border-top: 6px solid #b3261e; }}
  h1 {{ font-size: 20px; margin: 0 0 4px; }}
  .meta {{ color: #555; margin: 0 0 16px; }}
  ul {{ list-style: none; padding: 0; }}
  li {{ margin: 0 0 16px; }}
  li code {{ font: 14px/1.4 "DejaVu Sans Mono", monospace; color: #b3261e; white-space: pre-wrap; }}
  li.warning code {{ color: #8a6100; }}
  .excerpt {{ background: #f6f7f9; border: 1px solid #d0d4da; padding: 8px 12px; margin: 6px 0 0;
              font: 13px/1.4 "DejaVu Sans Mono", monospace; overflow-x: auto; }}
</style>
</head>
<body>
<div class="page">
<h1>The letter cannot be shown: {count}</h1>
<p class="meta">Fix {html.escape(selection)} (or the library) and save: the letter comes back here by itself.</p>
<main class="problems"><ul>
{chr(10).join(items)}
</ul></main>
</div>
</body>
</html>
"""

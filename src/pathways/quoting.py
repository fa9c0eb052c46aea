"""Escaping for DOT: every text that reaches Graphviz passes through here, so data cannot inject
DOT or markup. Pure functions, testable without Graphviz."""

from __future__ import annotations

import re

__all__ = ["dot_string", "html_text", "safe_url", "tooltip"]

_MARKUP = re.compile(r"([\^_])\{([^{}]*)\}")


def dot_string(text: str) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, newlines as spaces."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


TOOLTIP_MAX = 3000  # characters: escaped (at most 5 each), well under Graphviz's 16,384 per string


def tooltip(text: str) -> str:
    """A DOT escString for tooltips: like `dot_string`, and Graphviz's \\N-style escapes disarmed.
    Longer than TOOLTIP_MAX characters (a very long quote), it is cut there with an ellipsis."""
    if len(text) > TOOLTIP_MAX:
        text = text[:TOOLTIP_MAX - 1] + "…"
    # The DOT lexer halves doubled backslashes, then escString expansion turns \N, \G, \E... into
    # names; so one literal backslash must reach Graphviz as four.
    escaped = (text.replace("&", "&amp;").replace("\\", "\\" * 4).replace('"', '\\"')
               .replace("\n", " "))
    return f'"{escaped}"'


def html_text(text: str) -> str:
    """Text for an HTML-like label: &, <, >, quotes escaped; ^{..}/_{..} become SUP/SUB."""
    out, pos = [], 0
    for m in _MARKUP.finditer(text):
        out.append(_escape(text[pos:m.start()]))
        tag = "SUP" if m.group(1) == "^" else "SUB"
        out.append(f"<{tag}>{_escape(m.group(2))}</{tag}>")
        pos = m.end()
    out.append(_escape(text[pos:]))
    return "".join(out)


def _escape(text: str) -> str:
    # Graphviz expands \N, \G, \E even inside HTML labels; a doubled backslash prints one.
    return (text.replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;").replace("\n", " "))


def safe_url(url: str) -> str | None:
    """The URL if it is http(s), else None: no javascript: or file: links in SVG."""
    return url if re.fullmatch(r"https?://[^\s\"<>]+", url) else None

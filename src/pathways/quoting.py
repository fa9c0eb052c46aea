"""Escaping for DOT: every text that reaches Graphviz passes through here, so data cannot inject
DOT or markup. Pure functions, testable without Graphviz."""

from __future__ import annotations

import re

__all__ = ["dot_literal", "dot_string", "html_text", "safe_url", "terminal_text", "tooltip", "xml_chars"]

_MARKUP = re.compile(r"([\^_])\{([^{}]*)\}")
# What XML 1.0 cannot carry (C0 controls but tab, newline and return; U+FFFE, U+FFFF) and the
# C1 controls, which terminals read as escape sequences. `check` refuses them in the data; the
# escapers drop them too, so no writer can emit ill-formed XML whatever reaches it.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
# Terminal escape sequences (CSI, OSC, other ESC sequences), then any control left.
_ESCAPES = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-_]?)"
                      r"|\x9b[0-?]*[ -/]*[@-~]")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def xml_chars(text: str) -> str:
    r"""`text` without the characters XML 1.0 forbids: 'a\x0bb\uffff' -> 'ab'."""
    return _NOT_XML.sub("", text)


def terminal_text(text: str) -> str:
    r"""`text` safe to print: escape sequences and control characters removed, newlines and tabs
    kept. 'red \x1b[31mALERT\x1b[0m' -> 'red ALERT'."""
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def dot_string(text: str) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, newlines as spaces."""
    text = xml_chars(text)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def dot_literal(text: str) -> str | None:
    """A DOT double-quoted string that Graphviz reads back as `text` itself, for what it does
    not expand (an id, a data attribute): only quotes escaped, since the DOT lexer keeps every
    backslash (`dot_string`, for labels, doubles them, which escString expansion halves; an id
    "B\\\\back" was read back as B\\\\back). None where DOT has no spelling for it: a
    backslash before a quote or at the end (the lexer keeps a doubled backslash doubled, and
    one before a quote escapes it); newlines as spaces, as `dot_string` has them."""
    text = xml_chars(text).replace("\n", " ")
    if text.endswith("\\") or '\\"' in text:
        return None
    return '"' + text.replace('"', '\\"') + '"'


TOOLTIP_MAX = 3000  # characters: escaped (at most 5 each), well under Graphviz's 16,384 per string


def tooltip(text: str) -> str:
    """A DOT escString for tooltips: like `dot_string`, and Graphviz's \\N-style escapes disarmed.
    Longer than TOOLTIP_MAX characters (a very long quote), it is cut there with an ellipsis."""
    if len(text) > TOOLTIP_MAX:
        text = text[:TOOLTIP_MAX - 1] + "…"
    # The DOT lexer halves doubled backslashes, then escString expansion turns \N, \G, \E... into
    # names; so one literal backslash must reach Graphviz as four.
    escaped = (xml_chars(text).replace("&", "&amp;").replace("\\", "\\" * 4).replace('"', '\\"')
               .replace("\n", " "))
    return f'"{escaped}"'


def html_text(text: str) -> str:
    """Text for an HTML-like label: &, <, >, quotes escaped; ^{..}/_{..} become SUP/SUB."""
    out, pos = [], 0
    text = xml_chars(text)
    for m in _MARKUP.finditer(text):
        out.append(_escape(text[pos:m.start()]))
        tag = "SUP" if m.group(1) == "^" else "SUB"
        if m.group(2).strip():  # Graphviz refuses an empty <SUP></SUP>
            out.append(f"<{tag}>{_escape(m.group(2))}</{tag}>")
        pos = m.end()
    out.append(_escape(text[pos:]))
    return "".join(out)


def _escape(text: str) -> str:
    # Graphviz expands \N, \G, \E even inside HTML labels; a doubled backslash prints one.
    return (text.replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;").replace("\n", " "))


def safe_url(url: str) -> str | None:
    """The URL if it is http(s) with a host, else None: no javascript:, data: or file: links in
    SVG or the gallery, and nothing that could end the attribute it is written into."""
    ok = re.fullmatch(r"https?://[^\s\"'<>\\/?#@]+(:[0-9]+)?([/?#][^\s\"'<>\\]*)?", url)
    return url if ok and not _NOT_XML.search(url) and not _CONTROLS.search(url) else None

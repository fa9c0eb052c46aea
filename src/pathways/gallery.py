"""index.html: every built figure inline with its caption, source and alt text."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from .labels import readable
from .quoting import safe_url

__all__ = ["gallery_html"]

_STYLE = """
body { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; margin: 2rem auto;
       max-width: 1200px; color: #1a1a1a; padding: 0 1rem; }
figure { margin: 0 0 3rem; border-top: 1px solid #ddd; padding-top: 1rem; }
figure svg { max-width: 100%; height: auto; }
figcaption { margin-top: .5rem; }
.alt { color: #444; font-size: .9rem; }
.inferred { font-size: .8rem; background: #fbe3d3; padding: 0 .3rem; border-radius: 3px; }
nav a { margin-right: .8rem; }
"""


def _inline_svg(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text[text.index("<svg"):]


def _text(value: str) -> str:
    """Text for the page: label markup as a person reads it (Ca^{2+} -> Ca²⁺), HTML-escaped."""
    return html.escape(readable(value))


def gallery_html(manifest: dict[str, Any], folder: Path) -> str:
    """The gallery page for `manifest`, with SVGs from `folder` inlined (their ids are unique).
    Captions, sources and alt text show super- and subscripts as characters, never as markup."""
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             "<title>pathways: figures</title>", f"<style>{_STYLE}</style></head><body>",
             "<h1>Figures</h1>", "<nav>"]
    parts += [f'<a href="#figure-{html.escape(f["id"])}">{html.escape(f["id"])}</a>'
              for f in manifest["figures"]]
    parts.append("</nav>")
    for fig in manifest["figures"]:
        fid = html.escape(fig["id"])
        src = fig["source"]
        url = safe_url(src["address"])
        source = (f'<a href="{html.escape(url)}">{_text(src["title"])}</a>' if url
                  else _text(src["title"]))
        inferred = ' <span class="inferred">caption inferred</span>' \
            if fig["caption_inferred"] else ""
        files = " ".join(f'<a href="{html.escape(name)}">{html.escape(fmt.upper())}</a>'
                         for fmt, name in sorted(fig["files"].items()))
        svg = _inline_svg(folder / fig["files"]["svg"]) if "svg" in fig["files"] else \
            (f'<img src="{html.escape(fig["files"]["png"])}" alt="{_text(fig["alt_text"])}">'
             if "png" in fig["files"] else "")
        parts.append(
            f'<figure id="figure-{fid}" role="group" aria-label="{_text(fig["caption"])}">{svg}'
            f"<figcaption><strong>{_text(fig['caption'])}</strong>{inferred}<br>"
            f"Source: {source}. Files: {files}"
            f'<p class="alt">{_text(fig["alt_text"])}</p></figcaption></figure>')
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"

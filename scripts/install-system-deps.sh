#!/usr/bin/env bash
# Install the system programs pathways needs, only where missing (Debian/Ubuntu):
# Graphviz (dot), metric-compatible fonts, poppler-utils (pdftocairo draws the PNGs; pdffonts,
# for a PDF test), librsvg
# (rsvg-convert, to test figures as an SVG reader draws them), python3-venv, Node.js and npm (the
# tests load exports in cytoscape.js and mermaid from npm); and, where the distribution has it,
# headless Chromium (an SVG reader and the Mermaid renderer for the tests; skipped without).
set -euo pipefail
need=()
command -v dot >/dev/null 2>&1 || need+=(graphviz)
fc-list 2>/dev/null | grep -qi "Liberation Sans" || need+=(fonts-liberation)
fc-list 2>/dev/null | grep -qi "DejaVu Sans" || need+=(fonts-dejavu-core)
{ command -v pdftocairo && command -v pdffonts; } >/dev/null 2>&1 || need+=(poppler-utils)
command -v rsvg-convert >/dev/null 2>&1 || need+=(librsvg2-bin)
python3 -c "import ensurepip" 2>/dev/null || need+=(python3-venv)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
optional=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
  || optional+=(chromium)
[ "${#need[@]}" -eq 0 ] && [ "${#optional[@]}" -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  [ "${#need[@]}" -eq 0 ] && exit 0  # only optional programs missing
  echo "missing: ${need[*]}; install them with your package manager (macOS: brew install graphviz)" >&2
  exit 1
fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
[ "${#need[@]}" -eq 0 ] \
  || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
for pkg in "${optional[@]}"; do
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$pkg" \
    || echo "optional $pkg not installed: the tests that need it are skipped" >&2
done

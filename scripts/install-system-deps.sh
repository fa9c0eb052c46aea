#!/usr/bin/env bash
# Install the system programs pathways needs, only where missing (Debian/Ubuntu):
# Graphviz (dot), metric-compatible fonts, poppler-utils (pdffonts, for a PDF test), python3-venv,
# Node.js and npm (the tests load exports in cytoscape.js and mermaid from npm) and, where the
# distribution packages it, Chromium (the tests draw the Mermaid export in it, headless).
set -euo pipefail
need=()
command -v dot >/dev/null 2>&1 || need+=(graphviz)
fc-list 2>/dev/null | grep -qi "Liberation Sans" || need+=(fonts-liberation)
fc-list 2>/dev/null | grep -qi "DejaVu Sans" || need+=(fonts-dejavu-core)
command -v pdffonts >/dev/null 2>&1 || need+=(poppler-utils)
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
if [ "${#need[@]}" -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
if [ "${#optional[@]}" -gt 0 ]; then  # the tests that need it are skipped without it
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    "${optional[@]}" || echo "not installed: ${optional[*]} (its tests will be skipped)" >&2
fi

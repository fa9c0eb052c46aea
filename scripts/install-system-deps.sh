#!/usr/bin/env bash
# Install the system programs pathways needs, only where missing (Debian/Ubuntu):
# Graphviz (dot), metric-compatible fonts, poppler-utils (pdffonts, for a PDF test), python3-venv.
set -euo pipefail
need=()
command -v dot >/dev/null 2>&1 || need+=(graphviz)
fc-list 2>/dev/null | grep -qi "Liberation Sans" || need+=(fonts-liberation)
fc-list 2>/dev/null | grep -qi "DejaVu Sans" || need+=(fonts-dejavu-core)
command -v pdffonts >/dev/null 2>&1 || need+=(poppler-utils)
python3 -c "import ensurepip" 2>/dev/null || need+=(python3-venv)
[ "${#need[@]}" -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "missing: ${need[*]}; install them with your package manager (macOS: brew install graphviz)" >&2
  exit 1
fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"

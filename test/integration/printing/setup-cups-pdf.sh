#!/usr/bin/env bash
# Makes sure a CUPS scheduler runs and a virtual PDF printer (cups-pdf) exists, for the printing integration tests.
# Installs nothing: CI installs the packages first (apt-get install cups printer-driver-cups-pdf poppler-utils
# zbar-tools). Idempotent: safe to run again while the scheduler runs and the printer exists.
# Usage: setup-cups-pdf.sh [printer-name]   (default RefillTestPDF). Exit 2: CUPS or cups-pdf not installed.
set -euo pipefail

PRINTER="${1:-${REFILL_TEST_PRINTER:-RefillTestPDF}}"
PATH="$PATH:/usr/sbin:/sbin"

fail() { echo "setup-cups-pdf: $*" >&2; exit "${2:-1}"; }

for cmd in cupsd lpadmin lpstat lpinfo cupsenable cupsaccept; do
  command -v "$cmd" >/dev/null 2>&1 || fail "'$cmd' not found: CUPS is not installed (apt-get install cups printer-driver-cups-pdf)" 2
done

# Root runs the admin commands itself; anyone else needs password-less sudo (as on CI runners).
if [ "$(id -u)" -eq 0 ]; then SUDO=(); elif command -v sudo >/dev/null 2>&1; then SUDO=(sudo -n); else SUDO=(); fi

scheduler_running() { LC_ALL=C lpstat -r 2>/dev/null | grep -q 'scheduler is running'; }

if ! scheduler_running; then
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    "${SUDO[@]}" systemctl start cups || true
  fi
  scheduler_running || "${SUDO[@]}" cupsd || fail "could not start cupsd"
  for _ in $(seq 1 50); do scheduler_running && break; sleep 0.2; done
  scheduler_running || fail "the CUPS scheduler did not come up"
fi

if ! LC_ALL=C lpstat -p "$PRINTER" >/dev/null 2>&1; then
  MODEL="$(lpinfo -m 2>/dev/null | awk '/CUPS-PDF_opt\.ppd/ {print $1; exit}')"
  [ -n "$MODEL" ] || MODEL="$(lpinfo -m 2>/dev/null | awk '/CUPS-PDF/ {print $1; exit}')"
  [ -n "$MODEL" ] || fail "no CUPS-PDF model found: cups-pdf is not installed (apt-get install printer-driver-cups-pdf)" 2
  # lpadmin warns that printer drivers are deprecated; cups-pdf still needs its PPD.
  "${SUDO[@]}" lpadmin -p "$PRINTER" -E -v cups-pdf:/ -m "$MODEL" 2>&1 | grep -v 'deprecated' >&2 || true
  LC_ALL=C lpstat -p "$PRINTER" >/dev/null 2>&1 || fail "could not create printer $PRINTER"
fi
"${SUDO[@]}" cupsenable "$PRINTER"
"${SUDO[@]}" cupsaccept "$PRINTER"

echo "$PRINTER"

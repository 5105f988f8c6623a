#!/usr/bin/env bash
# Installs the Debian packages the tests need when they are missing (as root, or through sudo): Chromium for the E2E
# run, Xvfb for a virtual display, poppler-utils and zbar-tools to read printed PDFs and barcodes back, CUPS with its
# client and the cups-pdf virtual printer to print for real, the PostgreSQL client for CI's external database, and
# libfaketime for a second API process whose clock runs behind (test/integration/server/server-process.ts).
# Does nothing when everything is there. `npm run setup:system`.
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v xvfb-run >/dev/null || need+=(xvfb)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
command -v zbarimg >/dev/null || need+=(zbar-tools)
command -v cupsd >/dev/null || need+=(cups)
command -v lp >/dev/null || need+=(cups-client)
[ -e /usr/lib/cups/backend/cups-pdf ] || need+=(printer-driver-cups-pdf)
command -v psql >/dev/null || need+=(postgresql-client)
command -v faketime >/dev/null || need+=(faketime)
if [ ${#need[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
echo "system packages: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq "${need[@]}" >/dev/null

#!/usr/bin/env bash
# Remake the README's screenshots of `governance-lint report` with Debian's headless
# Chromium, from the repository root: bash docs/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
governance-lint report examples/logistics-expansion/before -o "$work/report.html"
# A copy that shows only the picture of the reporting and escalation structure.
sed 's|</style>|section:not(#structure), header.page { display: none; }</style>|' \
    "$work/report.html" > "$work/structure.html"

shoot() {  # shoot PAGE HEIGHT PNG
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --hide-scrollbars --user-data-dir="$work/profile" --window-size="1280,$2" \
        --screenshot="$3" "file://$work/$1" 2>/dev/null
}
shoot report.html 1400 docs/report.png
shoot structure.html 760 docs/report-structure.png

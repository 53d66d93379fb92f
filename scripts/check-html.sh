#!/usr/bin/env bash
# Renders an HTML report in headless Chromium and checks the DOM after the page's script ran:
# the summary is there (total findings, a severity label), and the script revealed the status
# filters and the Copy buttons. Also takes a screenshot for a person to look at.
#
# Usage: scripts/check-html.sh [REPORT.html] [SCREENSHOT.png]
# Defaults: examples/reports/demo-org.html and target/demo-org-html.png.
set -euo pipefail

cd "$(dirname "$0")/.."
report="$(realpath "${1:-examples/reports/demo-org.html}")"
shot="${2:-target/demo-org-html.png}"
chromium="${CHROMIUM:-chromium}"
mkdir -p "$(dirname "$shot")"
shot="$(realpath "$shot")"

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking
  --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile")

dom="$("$chromium" "${flags[@]}" --dump-dom "file://$report" 2>/dev/null)"

total="$(grep -o '<td class="n" id="total">[0-9]*</td>' "$report" | grep -o '[0-9][0-9]*' || true)"
fail=0
check() {
  if grep -qF -- "$2" <<<"$dom"; then
    echo "ok   $1"
  else
    echo "FAIL $1: DOM lacks: $2"
    fail=1
  fi
}
if [[ -z "$total" ]]; then
  echo "FAIL $report has no total findings cell"
  exit 1
fi
check "total findings ($total)" "<td class=\"n\" id=\"total\">$total</td>"
check "severity label" '<th class="sev-critical">critical</th>'
check "summary by check" '<table id="by-check">'
check "filters shown by script" '<fieldset id="filters">'
if grep -qF 'id="fix-1"' "$report"; then
  check "copy buttons shown by script" '<button type="button" class="copy" data-target="fix-1">Copy</button>'
fi

"$chromium" "${flags[@]}" --screenshot="$shot" --window-size=1280,2000 "file://$report" \
  >/dev/null 2>&1
if [[ -s "$shot" ]]; then
  echo "screenshot: $shot"
else
  echo "FAIL no screenshot written to $shot"
  fail=1
fi
exit "$fail"

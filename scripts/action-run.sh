#!/usr/bin/env bash
# The audit step of action.yml, kept as a script so that it runs (and is tested) outside GitHub.
# Inputs come as environment variables: TA_JAR (or TA_LAUNCHER), TA_ARGS, TA_SNAPSHOT, TA_FORMATS,
# TA_OUTPUT_DIR, TA_FAIL_ON. Writes exit-code, report-dir, sarif and json to $GITHUB_OUTPUT (or
# stdout) and exits 0: the caller decides when to fail, after the SARIF upload.
set -uo pipefail

out="${GITHUB_OUTPUT:-/dev/stdout}"
dir="${TA_OUTPUT_DIR:-reports}"
formats="${TA_FORMATS:-sarif,json}"
case ",$formats," in *,sarif,*) ;; *) formats="$formats,sarif" ;; esac

if [ -n "${TA_LAUNCHER:-}" ]; then
  cmd=("$TA_LAUNCHER")
else
  cmd=(java -jar "${TA_JAR:?TA_JAR or TA_LAUNCHER is required}")
fi
cmd+=(audit)
if [ -n "${TA_SNAPSHOT:-}" ]; then
  cmd+=(--snapshot "$TA_SNAPSHOT")
fi
# TA_ARGS is split on white space, as a command line would be (no quoting inside it).
read -r -a extra <<< "${TA_ARGS:-}"
cmd+=("${extra[@]}" --output-dir "$dir" --formats "$formats" --fail-on "${TA_FAIL_ON:-high}")

echo "+ ${cmd[*]}" >&2
"${cmd[@]}"
code=$?
{
  echo "exit-code=$code"
  echo "report-dir=$dir"
  echo "sarif=$dir/trailaudit.sarif"
  case ",$formats," in *,json,*) echo "json=$dir/trailaudit.json" ;; *) echo "json=" ;; esac
} >> "$out"
exit 0

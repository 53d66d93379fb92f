#!/usr/bin/env bash
# Behaviour-preservation check for refactors: audits every check scenario's snapshot (the base
# snapshots under src/test/resources/checks with each case's edits applied) and the demo with the
# jar of BASE (a git ref) and with the working tree's, and prints every finding that differs
# (rule, status, severity, account, region, resource, message, remediation; control ids are left
# out so that a new benchmark column does not count). Usage: scripts/findings-diff.sh BASE
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:?usage: scripts/findings-diff.sh BASE-REF}
work=$(mktemp -d)
git worktree add -q --detach "$work/base" "$base"
trap 'git worktree remove --force "$work/base"' EXIT
(cd "$work/base" && mvn -B -q -o package -DskipTests)
mvn -B -q -o test-compile package -DskipTests
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat "$work/cp.txt")"
javac -d "$work/cls" -cp "$cp" scripts/findings-diff/*.java
java -cp "$work/cls:$cp" DumpScenarios "$work/snapshots"
java -cp "$work/cls:$work/base/target/trailaudit.jar" RunAll "$work/snapshots" "$work/before"
java -cp "$work/cls:target/trailaudit.jar" RunAll "$work/snapshots" "$work/after"
java -cp "$work/cls:target/trailaudit.jar" Compare "$work/before" "$work/after"

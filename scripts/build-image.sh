#!/usr/bin/env bash
# Builds the self-contained Linux runtime image from target/trailaudit.jar:
#   target/dist/trailaudit-VERSION-linux-x64/{bin/trailaudit, bin/java, lib/trailaudit.jar, lib/trailaudit.jsa, ...}
#   target/dist/trailaudit-VERSION-linux-x64.tar.gz
# jlink gets exactly the JDK modules jdeps finds in the jar; the class-data archive is made by
# running the demo audit once with the image's own Java. Needs a JDK 17+ (jdeps, jlink) on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/trailaudit.jar
test -f "$jar" || { echo "no $jar: run mvn -B -DskipTests package first" >&2; exit 2; }
version=$(unzip -p "$jar" io/trailaudit/version.properties | sed -n 's/^version=//p')
name="trailaudit-${version}-linux-x64"
out="target/dist/$name"
rm -rf "$out" "target/dist/$name.tar.gz"
mkdir -p target/dist

modules=$(jdeps --ignore-missing-deps --multi-release 17 --print-module-deps "$jar")
# java.net.http: the export's HTTP client, loaded reflectively by nothing, found by jdeps anyway;
# jdk.crypto.ec: TLS to AWS endpoints with ECDHE (a service provider jdeps cannot see).
modules="$modules,jdk.crypto.ec"
echo "modules: $modules"
# --generate-cds-archive: the image's base CDS archive, which the dynamic archive below builds on.
jlink --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 \
  --generate-cds-archive --output "$out"
mkdir -p "$out/lib"
cp "$jar" "$out/lib/trailaudit.jar"
cp src/dist/bin/trailaudit "$out/bin/trailaudit"
chmod +x "$out/bin/trailaudit"
echo "$modules" > "$out/lib/trailaudit.modules"

# The class-data archive: the classes the demo audit loads, dumped at exit.
# Exit 1 is the demo's FAIL findings; the summary line tells it from a JVM that did not start.
set +e
# Absolute paths: the JVM finds the jar again wherever the image is unpacked, as long as it sits
# at the same place inside the image.
home=$(cd "$out" && pwd)
"$home/bin/java" -XX:ArchiveClassesAtExit="$home/lib/trailaudit.jsa" -jar "$home/lib/trailaudit.jar" \
  audit --snapshot examples/snapshots/demo-org.json > target/dist/training.txt 2>&1
code=$?
set -e
if [ "$code" != 1 ] || ! grep -q '^Summary: ' target/dist/training.txt; then
  echo "the demo audit exited $code while making the archive:" >&2
  tail -5 target/dist/training.txt >&2
  exit 1
fi
test -s "$out/lib/trailaudit.jsa" || { echo "no class-data archive was written" >&2; exit 1; }

tar -C target/dist -czf "target/dist/$name.tar.gz" "$name"
echo "target/dist/$name.tar.gz"

# trailaudit container: the self-contained runtime image (scripts/build-image.sh) on a distroless
# base: no shell, no package manager, a non-root user. Built and smoke-run by the release workflow
# (.github/workflows/release.yml); there is no Docker engine in the development environment.
#
#   docker run --rm -v "$PWD/reports:/reports" IMAGE audit --snapshot /reports/snap.json \
#     --output-dir /reports --formats sarif,json

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package \
 && scripts/build-image.sh \
 && mkdir /image && tar -C /image --strip-components=1 -xzf target/dist/trailaudit-*-linux-x64.tar.gz

# glibc and the C runtime the JVM needs, nothing else; runs as uid 65532 (nonroot).
FROM gcr.io/distroless/base-debian12:nonroot
COPY --from=build /image /opt/trailaudit
VOLUME ["/reports"]
WORKDIR /reports
USER nonroot
# The JVM directly (the launcher script would need a shell): the flags of src/dist/bin/trailaudit
# but for the collector, which stays the JVM's default for every command (a container may collect
# a whole organization; the launcher chooses the serial one for runs that call no AWS API).
ENTRYPOINT ["/opt/trailaudit/bin/java", "-XX:SharedArchiveFile=/opt/trailaudit/lib/trailaudit.jsa", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-jar", "/opt/trailaudit/lib/trailaudit.jar"]

package io.trailaudit.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The package rules of ARCHITECTURE.md, checked on the sources. */
class ArchitectureTest {
  static final Path MAIN = Path.of("src/main/java/io/trailaudit");

  @ParameterizedTest(name = "{0} does not import {1}")
  @CsvSource({
    "model, software.amazon",
    "policy, software.amazon",
    "checks, software.amazon",
    "report, software.amazon",
    "config, software.amazon",
    "snapshot, software.amazon",
    "selectors, software.amazon",
    "selectors, io.trailaudit.checks",
    "filterpattern, software.amazon",
    "filterpattern, io.trailaudit.",
    "model, io.trailaudit.",
    "model, com.fasterxml.jackson.databind",
    "policy, io.trailaudit.checks",
    "policy, io.trailaudit.report",
    "checks, io.trailaudit.report",
    "checks, io.trailaudit.cli",
    "checks, io.trailaudit.snapshot",
    "report, io.trailaudit.cli",
    "collect, io.trailaudit.integrity",
    "collect, io.trailaudit.cli",
    "collect, io.trailaudit.checks",
    "integrity, io.trailaudit.cli",
    "integrity, io.trailaudit.checks",
  })
  void packageDoesNotImport(String pkg, String forbidden) throws IOException {
    List<String> offending = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        for (String line : Files.readAllLines(f)) {
          if (line.startsWith("import " + forbidden)
              || line.startsWith("import static " + forbidden)) {
            if (forbidden.equals("io.trailaudit.")
                && line.startsWith("import io.trailaudit.model.")) {
              continue;
            }
            offending.add(f.getFileName() + ": " + line);
          }
        }
      }
    }
    assertThat(offending).isEmpty();
  }
}

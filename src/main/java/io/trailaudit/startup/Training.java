package io.trailaudit.startup;

import io.trailaudit.cli.Cli;
import io.trailaudit.report.Format;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The training run {@code bin/trailaudit} records its class-data archive (AppCDS) or AOT cache
 * from: the commands a user runs, on a snapshot bundled in the jar, so the archive never depends on
 * whichever command happened to run first (a {@code --version} would record almost nothing). Writes
 * only to a temporary directory it deletes; touches no network and no AWS SDK class.
 */
public final class Training {
  /** Where the shaded jar holds the training snapshot (a copy of the demo snapshot). */
  static final String SNAPSHOT = "/io/trailaudit/startup/training-snapshot.json";

  private Training() {}

  /**
   * @param args optional: a snapshot file to train on instead of the bundled one
   */
  public static void main(String[] args) throws IOException {
    int failures = run(args.length > 0 ? Path.of(args[0]) : null);
    System.exit(failures == 0 ? 0 : 1);
  }

  /**
   * Runs the training commands and returns how many did not end as expected (exit 0 or 1).
   *
   * @param snapshot the snapshot to audit, or null for the bundled one
   */
  static int run(Path snapshot) throws IOException {
    Path dir = Files.createTempDirectory("trailaudit-training");
    try {
      Path snap = snapshot;
      if (snap == null) {
        snap = dir.resolve("snapshot.json");
        try (InputStream in = Training.class.getResourceAsStream(SNAPSHOT)) {
          if (in == null) {
            throw new IOException("the jar holds no training snapshot " + SNAPSHOT);
          }
          Files.copy(in, snap, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      String formats =
          Arrays.stream(Format.values()).map(Format::label).collect(Collectors.joining(","));
      Path reports = Files.createDirectories(dir.resolve("reports"));
      String json = reports.resolve("trailaudit.json").toString();
      List<String[]> commands =
          List.of(
              new String[] {"--help"},
              new String[] {"audit", "--help"},
              new String[] {"checks"},
              new String[] {"explain", "log-bucket"},
              new String[] {"audit", "--snapshot", snap.toString(), "--format", "text"},
              new String[] {
                "audit",
                "--snapshot",
                snap.toString(),
                "--output-dir",
                reports.toString(),
                "--formats",
                formats
              },
              new String[] {"diff", json, json});
      int failures = 0;
      for (String[] command : commands) {
        int code = cli(command);
        if (code != 0 && code != 1) {
          System.err.println(
              "trailaudit training: " + String.join(" ", command) + " exited " + code);
          failures++;
        }
      }
      return failures;
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static int cli(String[] args) {
    PrintWriter discard =
        new PrintWriter(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    return Cli.run(args, discard, err, Clock.systemUTC(), Map.of(), false);
  }
}

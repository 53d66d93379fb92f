package io.trailaudit.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** The launcher: the only place that calls {@code System.exit}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code =
        Cli.run(args, out, err, Clock.systemUTC(), System.getenv(), System.console() != null);
    out.flush();
    err.flush();
    System.exit(code);
  }
}

import java.io.*;
import java.lang.reflect.Method;
import java.nio.file.*;
import java.time.*;
import java.util.*;

/** Audits every dumped scenario snapshot with the trailaudit on the class path, JSON out. */
public class RunAll {
  public static void main(String[] a) throws Exception {
    Path in = Path.of(a[0]);
    Path out = Path.of(a[1]);
    Files.createDirectories(out);
    Method run = Class.forName("io.trailaudit.cli.Cli").getMethod("run", String[].class,
        PrintWriter.class, PrintWriter.class, Clock.class, Map.class, boolean.class);
    Clock clock = Clock.fixed(Instant.parse("2026-12-03T00:00:00Z"), ZoneOffset.UTC);
    List<Path> snaps = new ArrayList<>();
    try (var s = Files.list(in)) { s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(snaps::add); }
    for (Path p : snaps) {
      String stem = p.getFileName().toString().replace(".json", "");
      String check = Files.readAllLines(in.resolve(stem + ".check")).get(0);
      Path yml = in.resolve(stem + ".yml");
      List<String> args = new ArrayList<>(List.of("audit", "--snapshot", p.toString(), "--format", "json", "--checks", check));
      if (Files.size(yml) > 0) { args.add("--config"); args.add(yml.toString()); }
      StringWriter o = new StringWriter(), e = new StringWriter();
      Object code = run.invoke(null, args.toArray(new String[0]), new PrintWriter(o), new PrintWriter(e), clock, Map.of(), false);
      Files.writeString(out.resolve(stem + ".out.json"), o.toString());
      Files.writeString(out.resolve(stem + ".err"), code + "\n" + e);
    }
    System.out.println(snaps.size() + " audited");
  }
}

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.*;
import java.util.*;

/** Compares two directories of JSON reports finding by finding (controls left out), and prints the differences. */
public class Compare {
  public static void main(String[] a) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Path before = Path.of(a[0]), after = Path.of(a[1]);
    int same = 0, differ = 0;
    List<Path> reports = new ArrayList<>();
    try (var s = Files.list(before)) { s.filter(p -> p.toString().endsWith(".out.json")).sorted().forEach(reports::add); }
    for (Path b : reports) {
      Path n = after.resolve(b.getFileName());
      String eb = Files.readAllLines(Path.of(b.toString().replace(".out.json", ".err"))).get(0);
      String en = Files.readAllLines(Path.of(n.toString().replace(".out.json", ".err"))).get(0);
      List<String> fb = eb.equals("2") ? List.of() : findings(json.readTree(b.toFile()));
      List<String> fn = en.equals("2") ? List.of() : findings(json.readTree(n.toFile()));
      if (eb.equals(en) && fb.equals(fn)) { same++; continue; }
      differ++;
      System.out.println("differs: " + b.getFileName() + " (exit " + eb + " -> " + en + ")");
      Set<String> gone = new LinkedHashSet<>(fb); gone.removeAll(fn);
      Set<String> added = new LinkedHashSet<>(fn); added.removeAll(fb);
      gone.forEach(f -> System.out.println("  - " + f));
      added.forEach(f -> System.out.println("  + " + f));
    }
    System.out.println(same + " identical, " + differ + " different");
  }

  static List<String> findings(JsonNode report) {
    List<String> out = new ArrayList<>();
    for (JsonNode f : report.path("findings")) {
      out.add(String.join(" | ", f.path("ruleId").asText(), f.path("status").asText(),
          f.path("severity").asText(), f.path("account").asText(), f.path("region").asText(),
          f.path("resourceArn").asText(), f.path("message").asText(), f.path("remediation").asText()));
    }
    return out;
  }
}

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.*;
import java.lang.reflect.*;
import java.util.*;

/** Writes every scenario's edited snapshot (and its config) to a directory, for before/after diffs. */
public class DumpScenarios {
  public static void main(String[] a) throws Exception {
    Path root = Path.of("src/test/resources/checks");
    Path out = Path.of(a[0]);
    Files.createDirectories(out);
    Class<?> loader = Class.forName("io.trailaudit.scenarios.ScenarioLoader");
    Method folders = loader.getDeclaredMethod("checkFolders", Path.class);
    Method files = loader.getDeclaredMethod("files", Path.class);
    Method load = loader.getDeclaredMethod("load", Path.class, Path.class);
    for (Method m : new Method[] {folders, files, load}) m.setAccessible(true);
    Class<?> edits = Class.forName("io.trailaudit.scenarios.JsonEdits");
    Class<?> editC = Class.forName("io.trailaudit.scenarios.JsonEdits$Edit");
    Method apply = edits.getDeclaredMethod("apply", JsonNode.class, editC);
    apply.setAccessible(true);
    ObjectMapper json = new ObjectMapper();
    int n = 0;
    for (Object folder : (List<?>) folders.invoke(null, root)) {
      for (Object file : (List<?>) files.invoke(null, folder)) {
        for (Object s : (List<?>) load.invoke(null, root, file)) {
          Method base = s.getClass().getDeclaredMethod("base");
          Method ed = s.getClass().getDeclaredMethod("edits");
          Method cfg = s.getClass().getDeclaredMethod("config");
          Method id = s.getClass().getDeclaredMethod("checkId");
          Method name = s.getClass().getDeclaredMethod("name");
          for (Method m : new Method[] {base, ed, cfg, id, name}) m.setAccessible(true);
          JsonNode tree = json.readTree(((Path) base.invoke(s)).toFile());
          for (Object e : (List<?>) ed.invoke(s)) apply.invoke(null, tree, e);
          String stem = String.format("%04d-%s", n++, id.invoke(s));
          Files.write(out.resolve(stem + ".json"), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree));
          Object c = cfg.invoke(s);
          Files.writeString(out.resolve(stem + ".yml"), c == null ? "" : c.toString());
          Files.writeString(out.resolve(stem + ".check"), id.invoke(s) + "\n" + name.invoke(s) + "\n");
        }
      }
    }
    System.out.println(n + " scenarios");
  }
}

package io.trailaudit.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** JSON Pointers of a document's members and elements, and edits at them, for sweep tests. */
public final class JsonPointers {
  private JsonPointers() {}

  /** JSON Pointers of every member and element below {@code node}, not including it. */
  public static List<String> paths(JsonNode node) {
    return paths(node, "");
  }

  private static List<String> paths(JsonNode node, String at) {
    List<String> out = new ArrayList<>();
    if (node.isObject()) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        String p = at + "/" + name.replace("~", "~0").replace("/", "~1");
        out.add(p);
        out.addAll(paths(node.get(name), p));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String p = at + "/" + i;
        out.add(p);
        out.addAll(paths(node.get(i), p));
      }
    }
    return out;
  }

  /** The object or array that holds the value at {@code path}. */
  public static JsonNode parent(JsonNode root, String path) {
    return root.at(path.substring(0, path.lastIndexOf('/')));
  }

  /** Sets the member or element at {@code path}; false when its parent is neither. */
  public static boolean set(JsonNode root, String path, JsonNode value) {
    JsonNode parent = parent(root, path);
    String last = last(path);
    if (parent instanceof ObjectNode o) {
      o.set(last, value);
      return true;
    }
    if (parent instanceof ArrayNode a) {
      a.set(Integer.parseInt(last), value);
      return true;
    }
    return false;
  }

  /** Removes the member or element at {@code path}; false when its parent is neither. */
  public static boolean remove(JsonNode root, String path) {
    JsonNode parent = parent(root, path);
    String last = last(path);
    if (parent instanceof ObjectNode o) {
      o.remove(last);
      return true;
    }
    if (parent instanceof ArrayNode a) {
      a.remove(Integer.parseInt(last));
      return true;
    }
    return false;
  }

  private static String last(String path) {
    return path.substring(path.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
  }
}

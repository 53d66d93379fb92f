package io.trailaudit.scenarios;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Edits of a JSON tree at JSON Pointer paths (RFC 6901), the way scenarios change a base snapshot.
 * {@code within} names a string that holds a JSON document (a bucket or key policy): the edit
 * applies inside it and the document is written back as a string.
 */
final class JsonEdits {
  private static final ObjectMapper JSON = new ObjectMapper();

  enum Op {
    /** Replace a member or element that must exist. */
    SET,
    /** Add an object member that must not exist, or insert into an array ({@code -} appends). */
    ADD,
    /** Remove a member or element that must exist. */
    REMOVE
  }

  record Edit(Op op, String path, JsonNode value, String within) {}

  private JsonEdits() {}

  /** Applies {@code edit} to {@code root} in place; a path that does not fit is an error. */
  static void apply(JsonNode root, Edit edit) {
    if (edit.within() == null) {
      applyAt(root, edit.op(), edit.path(), edit.value());
      return;
    }
    JsonNode holder = root.at(edit.within());
    if (!holder.isTextual()) {
      throw new IllegalArgumentException("within " + edit.within() + ": not a string");
    }
    JsonNode inner;
    try {
      inner = JSON.readTree(holder.asText());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("within " + edit.within() + ": not JSON", e);
    }
    applyAt(inner, edit.op(), edit.path(), edit.value());
    applyAt(root, Op.SET, edit.within(), TextNode.valueOf(inner.toString()));
  }

  private static void applyAt(JsonNode root, Op op, String path, JsonNode value) {
    JsonPointer pointer = JsonPointer.compile(path);
    if (pointer.matches()) {
      throw new IllegalArgumentException(path + ": cannot edit the whole document");
    }
    JsonNode parent = root.at(pointer.head());
    String key = pointer.last().getMatchingProperty();
    if (parent instanceof ObjectNode o) {
      boolean present = o.has(key);
      switch (op) {
        case SET -> require(present, path, "no such member to set");
        case ADD -> require(!present, path, "member exists already; use set");
        case REMOVE -> require(present, path, "no such member to remove");
      }
      if (op == Op.REMOVE) {
        o.remove(key);
      } else {
        o.set(key, value);
      }
    } else if (parent instanceof ArrayNode a) {
      if (op == Op.ADD && key.equals("-")) {
        a.add(value);
        return;
      }
      int i = index(key, path);
      int limit = op == Op.ADD ? a.size() : a.size() - 1;
      require(i <= limit, path, "index out of range (size " + a.size() + ")");
      switch (op) {
        case SET -> a.set(i, value);
        case ADD -> a.insert(i, value);
        case REMOVE -> a.remove(i);
      }
    } else {
      throw new IllegalArgumentException(path + ": parent is not an object or array");
    }
  }

  private static int index(String key, String path) {
    if (!key.matches("0|[1-9][0-9]*")) {
      throw new IllegalArgumentException(path + ": \"" + key + "\" is not an array index");
    }
    return Integer.parseInt(key);
  }

  private static void require(boolean ok, String path, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(path + ": " + problem);
    }
  }
}

package io.trailaudit.filterpattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;

/**
 * A property selector such as {@code $.requestParameters.items[0].name}: the root, then property
 * names and array indexes.
 */
public record Selector(List<Segment> segments) {

  public Selector {
    segments = List.copyOf(segments);
    if (segments.isEmpty() || !(segments.get(0) instanceof Field)) {
      throw new IllegalArgumentException("a selector starts with a property: " + segments);
    }
  }

  /** One step of a selector. */
  public sealed interface Segment permits Field, Index {}

  /** A property of an object, {@code .name}. */
  public record Field(String name) implements Segment {
    @Override
    public String toString() {
      return "." + name;
    }
  }

  /** An element of an array, {@code [index]}. */
  public record Index(int index) implements Segment {
    @Override
    public String toString() {
      return "[" + index + "]";
    }
  }

  /** The node this selector points at, or a missing node when any step does not exist. */
  public JsonNode resolve(JsonNode root) {
    JsonNode node = root;
    for (Segment s : segments) {
      JsonNode next = null;
      if (s instanceof Field f && node.isObject()) {
        next = node.get(f.name());
      } else if (s instanceof Index i && node.isArray()) {
        next = node.get(i.index());
      }
      if (next == null) {
        return MissingNode.getInstance();
      }
      node = next;
    }
    return node;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("$");
    segments.forEach(sb::append);
    return sb.toString();
  }
}

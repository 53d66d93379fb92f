package io.trailaudit.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The control frameworks requirements map to, from the one shared {@code frameworks.json}: every
 * check's metadata names CIS versions from this list.
 *
 * @param cisVersions CIS AWS Foundations Benchmark versions mapped, oldest first
 */
public record Frameworks(List<String> cisVersions) {
  static final String RESOURCE = "/io/trailaudit/checks/frameworks.json";

  public Frameworks {
    cisVersions = List.copyOf(cisVersions);
  }

  /** The frameworks of this build, read once. */
  public static Frameworks load() {
    return Holder.FRAMEWORKS;
  }

  private static final class Holder {
    static final Frameworks FRAMEWORKS = read();
  }

  private static Frameworks read() {
    try (InputStream in = Frameworks.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      JsonNode root = new ObjectMapper().readTree(in);
      List<String> versions = new ArrayList<>();
      root.path("frameworks")
          .path(ControlRef.CIS)
          .path("versions")
          .forEach(v -> versions.add(v.asText()));
      return new Frameworks(versions);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.trailaudit.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailaudit.files.InputFileException;
import io.trailaudit.model.Snapshot;
import io.trailaudit.testing.JsonPointers;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The direct reader and Jackson's data binding give the same snapshot whenever the direct reader
 * gives one: on every snapshot of the repository, and on each copy of them with one value set to
 * null, left out, or replaced by a value of every JSON type (and near spellings of instants and
 * numbers), and with an unknown field in an object. Where Jackson refuses a copy, the direct reader
 * must have declined it.
 */
class RecordReaderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Replacements for any value: every JSON type, and the spellings the readers might differ on. */
  private static final List<JsonNode> REPLACEMENTS =
      List.of(
          NODES.nullNode(),
          NODES.textNode("trailaudit"),
          NODES.textNode(""),
          NODES.textNode("2026-01-02T03:04:05Z"),
          NODES.textNode("2026-01-02T03:04:05.123+01:00"),
          NODES.textNode("1700000000"),
          NODES.numberNode(7),
          NODES.numberNode(3_000_000_000L),
          NODES.numberNode(new java.math.BigInteger("99999999999999999999")),
          NODES.numberNode(1.5),
          NODES.booleanNode(true),
          NODES.objectNode(),
          NODES.arrayNode());

  static List<Path> snapshots() throws IOException {
    List<Path> out = new ArrayList<>();
    Path base;
    try {
      base = Path.of(RecordReaderTest.class.getResource("/checks/_base").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    try (Stream<Path> files = Files.list(base)) {
      files.filter(p -> p.toString().endsWith(".json")).sorted().forEach(out::add);
    }
    out.add(Path.of("examples/snapshots/demo-org.json"));
    return out;
  }

  @TestFactory
  Stream<DynamicTest> bothReadersAgreeOnEveryEditedSnapshot() throws IOException {
    return snapshots().stream()
        .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> sweep(file)));
  }

  private static void sweep(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Optional<Snapshot> direct = read(bytes);
    // The optimisation is in use: the repository's snapshots are read directly.
    assertThat(direct).as("%s read directly", file).isPresent();
    assertThat(direct.get()).isEqualTo(Snapshots.map(file.toString(), bytes));
    JsonNode original = JSON.readTree(bytes);
    List<String> problems = new ArrayList<>();
    int accepted = 0;
    int declined = 0;
    for (String path : JsonPointers.paths(original)) {
      List<JsonNode> variants = new ArrayList<>();
      for (JsonNode replacement : REPLACEMENTS) {
        JsonNode copy = original.deepCopy();
        if (JsonPointers.set(copy, path, replacement)) {
          variants.add(copy);
        }
      }
      JsonNode removed = original.deepCopy();
      if (JsonPointers.remove(removed, path)) {
        variants.add(removed);
      }
      if (original.at(path) instanceof ObjectNode) {
        JsonNode unknown = original.deepCopy();
        ((ObjectNode) unknown.at(path)).put("trailauditUnknownField", "x");
        variants.add(unknown);
      }
      for (JsonNode v : variants) {
        byte[] json = JSON.writeValueAsBytes(v);
        Optional<Snapshot> fast = read(json);
        if (fast.isEmpty()) {
          declined++;
          continue;
        }
        accepted++;
        Snapshot mapped;
        try {
          mapped = Snapshots.map(file.toString(), json);
        } catch (InputFileException refused) {
          problems.add(path + ": Jackson refuses (" + refused.getMessage() + "), read directly");
          continue;
        }
        if (!mapped.equals(fast.get())) {
          problems.add(path + ": the readers differ on " + v.at(path));
        }
      }
    }
    assertThat(problems).as("%s", file).isEmpty();
    assertThat(accepted).as("edited copies read directly").isPositive();
    assertThat(declined).as("edited copies declined").isPositive();
  }

  @Test
  void aRepeatedFieldIsDeclined() throws IOException {
    JsonNode demo = JSON.readTree(Path.of("examples/snapshots/demo-org.json").toFile());
    String json = JSON.writeValueAsString(demo);
    String id = demo.at("/accounts/0/accountId").asText();
    String repeated =
        json.replaceFirst(
            java.util.regex.Pattern.quote("\"accounts\":[{"),
            java.util.regex.Matcher.quoteReplacement(
                "\"accounts\":[{\"accountId\":\"" + id + "\","));
    assertThat(repeated).isNotEqualTo(json);
    assertThat(read(json.getBytes())).isPresent();
    assertThat(read(repeated.getBytes())).isEmpty();
  }

  @Test
  void trailingTokensAreDeclined() throws IOException {
    byte[] demo = Files.readAllBytes(Path.of("examples/snapshots/demo-org.json"));
    byte[] trailing = (new String(demo) + " {}").getBytes();
    assertThat(read(trailing)).isEmpty();
  }

  private static Optional<Snapshot> read(byte[] json) {
    return RecordReader.read(Snapshots.mapper().getFactory(), json);
  }
}

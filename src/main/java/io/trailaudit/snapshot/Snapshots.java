package io.trailaudit.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.trailaudit.files.InputFileException;
import io.trailaudit.files.InputText;
import io.trailaudit.files.JsonErrors;
import io.trailaudit.files.StrictMapping;
import io.trailaudit.model.Snapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Optional;

/** Reads and writes snapshot files (JSON, format version {@link Snapshot#SCHEMA_VERSION}). */
public final class Snapshots {
  private static final ObjectMapper MAPPER =
      StrictMapping.apply(
          JsonMapper.builder()
              .addModule(new JavaTimeModule())
              .addModule(new ObservedModule())
              .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
              .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
              .enable(SerializationFeature.INDENT_OUTPUT)
              .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
              .build());

  private Snapshots() {}

  /** The mapper for snapshot JSON, for callers that embed snapshot records in other documents. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Reads a snapshot file; any problem is an {@link InputFileException} naming the place. */
  public static Snapshot read(Path file) {
    return parse(file.toString(), InputText.readBytes(file));
  }

  /** Parses snapshot JSON; {@code name} is used in error messages. */
  public static Snapshot parse(String name, byte[] json) {
    InputText.decode(name, json);
    try {
      checkSchemaVersion(name, json);
      SnapshotRules.check(name, MAPPER.getFactory(), json);
      // Jackson's data binding for a file the direct reader declines: it names the problem.
      Optional<Snapshot> read = RecordReader.read(MAPPER.getFactory(), json);
      return read.isPresent() ? read.get() : map(name, json);
    } catch (JsonProcessingException e) {
      throw JsonErrors.describe(name, e);
    } catch (IOException e) {
      throw new InputFileException(name + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** The snapshot as Jackson's data binding maps it (RecordReaderTest compares the two). */
  static Snapshot map(String name, byte[] json) throws IOException {
    try (JsonParser p = MAPPER.createParser(json)) {
      try {
        return MAPPER.readValue(p, Snapshot.class);
      } catch (JsonProcessingException e) {
        // Described while the parser is open: the message quotes the offending value.
        throw JsonErrors.describe(name, e);
      }
    }
  }

  public static void write(Snapshot snapshot, OutputStream out) throws IOException {
    MAPPER.writeValue(out, snapshot);
  }

  public static String toJson(Snapshot snapshot) {
    try {
      return MAPPER.writeValueAsString(snapshot);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Looks at the top-level {@code schemaVersion} before mapping, so that a file of another version
   * is reported as such rather than as a list of model errors.
   */
  private static void checkSchemaVersion(String name, byte[] json) throws IOException {
    JsonFactory factory = MAPPER.getFactory();
    try (JsonParser p = factory.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new InputFileException(
            name
                + ": line 1: a snapshot is a JSON object with \"schemaVersion\": "
                + Snapshot.SCHEMA_VERSION);
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("schemaVersion")) {
          if (value != JsonToken.VALUE_NUMBER_INT) {
            throw new InputFileException(
                String.format(
                    "%s: line %d, column %d: at $.schemaVersion: the schema version is the number"
                        + " %d, not %s",
                    name,
                    p.currentTokenLocation().getLineNr(),
                    p.currentTokenLocation().getColumnNr(),
                    Snapshot.SCHEMA_VERSION,
                    value == JsonToken.VALUE_STRING
                        ? "the string \"" + p.getText() + "\""
                        : p.getText()));
          }
          if (p.getIntValue() != Snapshot.SCHEMA_VERSION) {
            throw new InputFileException(
                String.format(
                    "%s: line %d, column %d: at $.schemaVersion: unsupported snapshot schema"
                        + " version %s (this trailaudit reads version %d)",
                    name,
                    p.currentTokenLocation().getLineNr(),
                    p.currentTokenLocation().getColumnNr(),
                    p.getText(),
                    Snapshot.SCHEMA_VERSION));
          }
          return;
        }
        p.skipChildren();
      }
    }
    throw new InputFileException(name + ": at $: missing \"schemaVersion\"");
  }
}

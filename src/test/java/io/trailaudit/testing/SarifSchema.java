package io.trailaudit.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The official SARIF 2.1.0 JSON schema, copied under {@code src/test/resources/schemas}. */
public final class SarifSchema {
  private static final Schema SCHEMA = load();

  private SarifSchema() {}

  public static Schema schema() {
    return SCHEMA;
  }

  /** The schema violations of a SARIF log: empty when it is valid. */
  public static List<Error> validate(JsonNode sarif) {
    return SCHEMA.validate(sarif);
  }

  private static Schema load() {
    try (InputStream in =
        SarifSchema.class.getResourceAsStream("/schemas/sarif-schema-2.1.0.json")) {
      if (in == null) {
        throw new IllegalStateException("no schema resource /schemas/sarif-schema-2.1.0.json");
      }
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
          .getSchema(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.trailaudit.snapshot;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.trailaudit.model.Observed;
import java.io.IOException;
import java.util.Iterator;

/**
 * JSON form of {@link Observed}: a known value is written as the value itself ({@code null} where
 * absence was observed); an unavailable one as {@code {"unavailable": {"service": …, "operation":
 * …, "errorCode": …, "message": …}}}. A field left out of a file stays unavailable (NotCollected):
 * a missing value never reads as absent.
 */
final class ObservedModule extends SimpleModule {

  static final String UNAVAILABLE = "unavailable";

  ObservedModule() {
    super("trailaudit-observed");
    addSerializer(new ObservedSerializer());
    setDeserializers(
        new SimpleDeserializers() {
          @Override
          public JsonDeserializer<?> findBeanDeserializer(
              JavaType type, DeserializationConfig config, BeanDescription beanDesc)
              throws JsonMappingException {
            if (type.hasRawClass(Observed.class)) {
              return new ObservedDeserializer(type.containedTypeOrUnknown(0));
            }
            return super.findBeanDeserializer(type, config, beanDesc);
          }
        });
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static final class ObservedSerializer extends StdSerializer<Observed> {
    ObservedSerializer() {
      super(Observed.class);
    }

    @Override
    public void serialize(Observed value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      if (value instanceof Observed.Known known) {
        provider.defaultSerializeValue(known.value(), gen);
        return;
      }
      Observed.Unavailable u = (Observed.Unavailable) value;
      gen.writeStartObject();
      gen.writeObjectFieldStart(UNAVAILABLE);
      gen.writeStringField("service", u.service());
      gen.writeStringField("operation", u.operation());
      gen.writeStringField("errorCode", u.errorCode());
      gen.writeStringField("message", u.message());
      gen.writeEndObject();
      gen.writeEndObject();
    }
  }

  private static final class ObservedDeserializer extends JsonDeserializer<Observed<?>> {
    private final JavaType valueType;

    ObservedDeserializer(JavaType valueType) {
      this.valueType = valueType;
    }

    @Override
    public Observed<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() == JsonToken.START_OBJECT) {
        // Peek at the first field without buffering, so that errors further in keep their
        // line and column. Jackson's bean and map deserializers accept a parser at FIELD_NAME.
        p.nextToken();
        if (p.currentToken() == JsonToken.FIELD_NAME && UNAVAILABLE.equals(p.currentName())) {
          p.nextToken();
          JsonNode marker = ctxt.readTree(p);
          if (p.nextToken() != JsonToken.END_OBJECT) {
            return ctxt.reportInputMismatch(
                Observed.class, "\"unavailable\" must be the only field of its object");
          }
          if (!marker.isObject()) {
            return ctxt.reportInputMismatch(
                Observed.class,
                "\"unavailable\" must be an object with service, operation, "
                    + "errorCode and message");
          }
          return unavailable((ObjectNode) marker, ctxt);
        }
      }
      return Observed.known(ctxt.readValue(p, valueType));
    }

    private static Observed<?> unavailable(ObjectNode o, DeserializationContext ctxt)
        throws IOException {
      for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!name.equals("service")
            && !name.equals("operation")
            && !name.equals("errorCode")
            && !name.equals("message")) {
          return ctxt.reportInputMismatch(
              Observed.class, "unknown field \"%s\" in \"unavailable\"", name);
        }
      }
      String service = text(o, "service", ctxt);
      String operation = text(o, "operation", ctxt);
      String errorCode = text(o, "errorCode", ctxt);
      JsonNode message = o.get("message");
      return Observed.unavailable(
          service, operation, errorCode, message == null ? "" : message.asText());
    }

    private static String text(ObjectNode o, String field, DeserializationContext ctxt)
        throws IOException {
      JsonNode n = o.get(field);
      if (n == null || !n.isTextual()) {
        return ctxt.reportInputMismatch(
            Observed.class, "\"unavailable\" needs a string \"%s\"", field);
      }
      return n.asText();
    }

    @Override
    public Observed<?> getNullValue(DeserializationContext ctxt) {
      if (valueType.isContainerType()) {
        // Older snapshots wrote null for a list they had no value for. Read as "none" it would be
        // evidence of absence nobody observed; it is a value the snapshot lacks.
        return Observed.unavailable("trailaudit", "snapshot", "NullValue", "null, not a list");
      }
      return Observed.known(null);
    }

    /**
     * A field missing from the file: null, which the record turns into NotCollected. Jackson's
     * default would use {@link #getNullValue}, reading a missing value as a known absence.
     */
    @Override
    public Object getAbsentValue(DeserializationContext ctxt) {
      return null;
    }
  }
}

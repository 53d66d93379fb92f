package io.trailaudit.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.trailaudit.files.InputFileException;
import io.trailaudit.files.JsonErrors;
import io.trailaudit.files.RecordKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;

/** Reads {@code trailaudit.yml}: unknown keys and wrong types are errors naming the key. */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * Reads and validates a configuration file.
   *
   * @param knownCheckIds the check ids {@code skipChecks} may name
   */
  public static AuditConfig load(Path file, Collection<String> knownCheckIds) {
    String name = file.toString();
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new InputFileException(name + ": no such file");
    } catch (IOException e) {
      throw new InputFileException(name + ": cannot read: " + e.getMessage(), e);
    }
    return parse(name, text, knownCheckIds);
  }

  public static AuditConfig parse(String name, String yaml, Collection<String> knownCheckIds) {
    ObjectMapper mapper =
        new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
    AuditConfig config;
    try (JsonParser keys = mapper.createParser(yaml)) {
      RecordKeys.check(name, keys, AuditConfig.class);
    } catch (JsonProcessingException e) {
      throw JsonErrors.describe(name, e);
    } catch (IOException e) {
      throw new InputFileException(name + ": cannot read: " + e.getMessage(), e);
    }
    try (JsonParser p = mapper.createParser(yaml)) {
      // A file of comments only has no token: the defaults.
      config = p.nextToken() == null ? null : mapper.readValue(p, AuditConfig.class);
    } catch (JsonProcessingException e) {
      throw JsonErrors.describe(name, e);
    } catch (IOException e) {
      throw new InputFileException(name + ": cannot read: " + e.getMessage(), e);
    }
    if (config == null) {
      return AuditConfig.defaults();
    }
    validate(name, config, knownCheckIds);
    return config;
  }

  private static void validate(String name, AuditConfig c, Collection<String> knownCheckIds) {
    if (c.deliveryMaxAgeHours() <= 0) {
      throw new InputFileException(
          name + ": at $.deliveryMaxAgeHours: must be a positive number of hours");
    }
    if (c.digestMaxAgeHours() <= 0) {
      throw new InputFileException(
          name + ": at $.digestMaxAgeHours: must be a positive number of hours");
    }
    if (c.lake().minRetentionDays() <= 0) {
      throw new InputFileException(
          name + ": at $.lake.minRetentionDays: must be a positive number of days");
    }
    if (c.logBucket().minRetentionDays() <= 0) {
      throw new InputFileException(
          name + ": at $.logBucket.minRetentionDays: must be a positive number of days");
    }
    for (int i = 0; i < c.skipChecks().size(); i++) {
      String id = c.skipChecks().get(i);
      if (!knownCheckIds.contains(id)) {
        throw new InputFileException(
            name
                + ": at $.skipChecks["
                + i
                + "]: unknown check \""
                + id
                + "\" (known: "
                + String.join(", ", knownCheckIds)
                + ")");
      }
    }
    for (int i = 0; i < c.breakGlassPrincipals().size(); i++) {
      String p = c.breakGlassPrincipals().get(i);
      if (p == null || !p.startsWith("arn:")) {
        throw new InputFileException(
            name
                + ": at $.breakGlassPrincipals["
                + i
                + "]: \""
                + p
                + "\" is not a principal ARN (arn:aws:iam::ACCOUNT:role/NAME, * and ? allowed)");
      }
    }
    for (int i = 0; i < c.suppressions().size(); i++) {
      Suppression s = c.suppressions().get(i);
      String at = name + ": at $.suppressions[" + i + "]";
      if (s == null) {
        throw new InputFileException(at + ": empty suppression (rule and reason are required)");
      }
      if (s.rule() == null || s.rule().isBlank()) {
        throw new InputFileException(
            at
                + ".rule: required: a rule id, * allowed (e.g. log-bucket/mfa-delete, log-bucket/*)");
      }
      if (s.reason() == null || s.reason().isBlank()) {
        throw new InputFileException(
            at + ".reason: required: say why the finding is accepted (shown on the finding)");
      }
    }
  }
}

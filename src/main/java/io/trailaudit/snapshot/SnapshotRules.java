package io.trailaudit.snapshot;

import static java.util.stream.Collectors.toList;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.trailaudit.files.InputFileException;
import io.trailaudit.files.JsonErrors;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rules of a snapshot that its types cannot state, checked on the token stream so that each
 * problem names its line, column and path: account ids are strings of 12 digits; accounts, regions,
 * buckets and keys appear once; retentions and periods are positive; counts are not negative. A
 * path pattern writes {@code []} for any list index.
 */
final class SnapshotRules {
  private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

  private static final String RECORDER = "$.accounts[].regions[].configRecorders[]";

  /** The snapshot's lists; see {@link ListFields} for which must be there. */
  private static final ListFields LISTS = ListFields.of();

  /** The plain lists an object must have, by the pattern of the object. */
  private static final Map<String, List<String>> LISTS_BY_OBJECT = byObject(LISTS.required());

  /**
   * Where an account id must be; null is allowed where the model allows it ({@link #IDENTIFIERS}).
   */
  private static final Set<String> ACCOUNT_IDS =
      Set.of(
          "$.accounts[].accountId",
          "$.accounts[].organization.managementAccountId",
          "$.organization.organization.managementAccountId",
          "$.organization.accounts[].id",
          "$.collection.excludedAccounts[].accountId",
          "$.buckets[].accountId",
          "$.logValidations[].account",
          "$.eventHistory[].account",
          "$.eventHistory[].events[].account",
          "$.keys[].metadata.accountId");

  /**
   * Identifiers AWS always returns and the checks key on: where their object is, they are there and
   * not null. (A null id would match nothing, or everything.)
   */
  private static final Set<String> IDENTIFIERS =
      Set.of(
          "$.organization.organization.organizationId",
          "$.organization.organization.managementAccountId",
          "$.organization.roots[].id",
          "$.organization.units[].id",
          "$.organization.accounts[].id",
          "$.organization.policies[].id",
          "$.accounts[].organization.organizationId",
          "$.accounts[].organization.managementAccountId",
          "$.accounts[].regions[].logGroups[].metricFilters[].metricTransformations[].metricName",
          "$.accounts[].regions[].logGroups[].metricFilters[].metricTransformations[]"
              + ".metricNamespace",
          "$.accounts[].regions[].configRules[].name",
          "$.accounts[].regions[].alarms[].alarmName",
          "$.accounts[].regions[].eventDataStores[].arn",
          "$.keys[].grants[].grantId",
          "$.logValidations[].region");

  /** The identifiers by the pattern of the object that holds them. */
  private static final Map<String, List<String>> IDENTIFIERS_BY_OBJECT = byObject(IDENTIFIERS);

  /**
   * Values that may be left out (an observation not made) but are never null: a validation result
   * is known or unavailable.
   */
  private static final Set<String> NOT_NULL = Set.of("$.logValidations[].result");

  /** A key of list elements (or the elements themselves, ending in {@code []}) and its name. */
  private static final Map<String, String> UNIQUE =
      Map.of(
          "$.accounts[].accountId", "account",
          "$.accounts[].regions[].region", "region",
          "$.accounts[].enabledRegions[]", "region",
          "$.collection.regions[]", "region",
          "$.collection.excludedAccounts[].accountId", "account",
          "$.organization.accounts[].id", "account",
          "$.buckets[].name", "bucket",
          "$.keys[].arn", "key");

  /** Numbers that must be above zero, and their unit. */
  private static final Map<String, String> POSITIVE =
      Map.of(
          "$.buckets[].objectLock.defaultRetention.days", "days",
          "$.buckets[].objectLock.defaultRetention.years", "years",
          "$.accounts[].regions[].eventDataStores[].retentionPeriod", "days",
          "$.accounts[].regions[].alarms[].evaluationPeriods", "periods",
          "$.accounts[].regions[].alarms[].period", "seconds");

  /** Counts: zero or more. */
  private static final Pattern COUNT =
      Pattern.compile(
          "\\$\\.logValidations\\[]\\.result\\.((digestFiles|logFiles)\\."
              + "(valid|invalid|notFound|unreadable)|gaps|problemsOmitted)"
              + "|\\$\\.accounts\\[]\\.regions\\[]\\.snsTopics\\[]\\.attributes"
              + "\\.subscriptions(Confirmed|Pending)");

  private final String file;
  private final JsonParser p;

  private static Map<String, List<String>> byObject(Set<String> patterns) {
    return patterns.stream()
        .sorted()
        .collect(
            Collectors.groupingBy(
                id -> id.substring(0, id.lastIndexOf('.')),
                Collectors.mapping(id -> id.substring(id.lastIndexOf('.') + 1), toList())));
  }

  private SnapshotRules(String file, JsonParser p) {
    this.file = file;
    this.p = p;
  }

  /** Reads the whole document; throws naming the first problem. */
  static void check(String file, JsonFactory factory, byte[] json) throws IOException {
    try (JsonParser p = factory.createParser(json)) {
      // This walk reports a duplicate key itself, at the key, with where it was first.
      p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      p.nextToken();
      new SnapshotRules(file, p).walk("$", "$", null);
    }
  }

  /** The values seen of each unique key of one list, with where they were first seen. */
  private static final class ListFrame {
    final Map<String, Map<String, String>> seen = new HashMap<>();
  }

  private void walk(String path, String pattern, ListFrame list) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      Map<String, String> keys = new HashMap<>();
      String strategy = null;
      boolean excludedListed = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        String first = keys.putIfAbsent(name, JsonErrors.at(location()));
        if (first != null) {
          throw problem(
              path + "." + name,
              "duplicate key \"" + name + "\" (first at " + first + "): each key may appear once");
        }
        p.nextToken();
        if (name.equals("recordingStrategy") && p.currentToken() == JsonToken.VALUE_STRING) {
          strategy = p.getText();
        }
        if (name.equals("excludedResourceTypes")) {
          excludedListed = p.currentToken() != JsonToken.VALUE_NULL;
        }
        String childPattern = pattern + "." + name;
        String childPath = path + "." + name;
        if (list != null && UNIQUE.containsKey(childPattern)) {
          unique(list, childPath, childPattern);
        }
        walk(childPath, childPattern, null);
      }
      if (keys.size() == 1 && keys.containsKey(ObservedModule.UNAVAILABLE)) {
        return; // an observation that could not be made holds nothing else
      }
      for (String id : IDENTIFIERS_BY_OBJECT.getOrDefault(pattern, List.of())) {
        if (!keys.containsKey(id)) {
          throw problem(path, "\"" + id + "\" is missing: AWS always gives it");
        }
      }
      if (pattern.equals(RECORDER)
          && "EXCLUSION_BY_RESOURCE_TYPES".equals(strategy)
          && !excludedListed) {
        // Left out or null, it would read as "excludes nothing": a recorder that records all.
        throw problem(
            path,
            "\"excludedResourceTypes\" is missing or null: the exclusion strategy lists what it"
                + " excludes ([] for none)");
      }
      for (String name : LISTS_BY_OBJECT.getOrDefault(pattern, List.of())) {
        if (!keys.containsKey(name)) {
          throw problem(path, "\"" + name + "\" is missing: write [] for none");
        }
      }
      return;
    }
    if (t == JsonToken.START_ARRAY) {
      ListFrame frame = new ListFrame();
      int i = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        String elementPath = path + "[" + i++ + "]";
        String elementPattern = pattern + "[]";
        if (p.currentToken() == JsonToken.VALUE_NULL && LISTS.all().contains(pattern)) {
          throw problem(elementPath, "a list holds no null: leave the element out");
        }
        if (UNIQUE.containsKey(elementPattern)) {
          unique(frame, elementPath, elementPattern);
        }
        walk(elementPath, elementPattern, frame);
      }
      return;
    }
    scalar(path, pattern);
  }

  private void scalar(String path, String pattern) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL
        && (IDENTIFIERS.contains(pattern) || NOT_NULL.contains(pattern))) {
      throw problem(path, "must have a value, not null");
    }
    if (t == JsonToken.VALUE_NULL && LISTS.required().contains(pattern)) {
      throw problem(path, "null is not a list: write [] for none");
    }
    if (ACCOUNT_IDS.contains(pattern) && t != JsonToken.VALUE_NULL) {
      if (t != JsonToken.VALUE_STRING || !ACCOUNT_ID.matcher(p.getText()).matches()) {
        throw problem(
            path,
            "an account id is a string of 12 digits such as \"111111111111\", not "
                + (t == JsonToken.VALUE_STRING
                    ? "\"" + p.getText() + "\""
                    : "the " + (t.isNumeric() ? "number " : "value ") + p.getText()));
      }
    }
    if (t.isNumeric()) {
      String unit = POSITIVE.get(pattern);
      if (unit != null && p.getDecimalValue().signum() <= 0) {
        throw problem(path, "must be a positive number of " + unit + ", not " + p.getText());
      }
      if (COUNT.matcher(pattern).matches() && p.getDecimalValue().signum() < 0) {
        throw problem(path, "a count cannot be negative: " + p.getText());
      }
    }
  }

  private void unique(ListFrame list, String path, String pattern) throws IOException {
    JsonToken t = p.currentToken();
    if (!t.isScalarValue() || t == JsonToken.VALUE_NULL) {
      return;
    }
    String value = p.getText();
    Map<String, String> seen = list.seen.computeIfAbsent(pattern, k -> new HashMap<>());
    String first = seen.putIfAbsent(value, path + " (" + JsonErrors.at(location()) + ")");
    if (first != null) {
      throw problem(
          path, "duplicate " + UNIQUE.get(pattern) + " \"" + value + "\": also at " + first);
    }
  }

  private JsonLocation location() {
    return p.currentTokenLocation();
  }

  private InputFileException problem(String path, String message) {
    return new InputFileException(
        file + ": " + JsonErrors.at(location()) + ": at " + path + ": " + message);
  }
}

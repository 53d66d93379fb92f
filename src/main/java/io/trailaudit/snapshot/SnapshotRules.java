package io.trailaudit.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.trailaudit.files.InputFileException;
import io.trailaudit.files.JsonErrors;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of a snapshot that its types cannot state, checked on the token stream so that each
 * problem names its line, column and path: account ids are strings of 12 digits; accounts, regions,
 * buckets and keys appear once; retentions and periods are positive; counts are not negative. A
 * path pattern writes {@code []} for any list index.
 */
final class SnapshotRules {
  private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

  /** Where an account id must be; null is allowed where the model allows it. */
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
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        String first = keys.putIfAbsent(name, JsonErrors.at(location()));
        if (first != null) {
          throw problem(
              path + "." + name,
              "duplicate key \"" + name + "\" (first at " + first + "): each key may appear once");
        }
        p.nextToken();
        String childPattern = pattern + "." + name;
        String childPath = path + "." + name;
        if (list != null && UNIQUE.containsKey(childPattern)) {
          unique(list, childPath, childPattern);
        }
        walk(childPath, childPattern, null);
      }
      return;
    }
    if (t == JsonToken.START_ARRAY) {
      ListFrame frame = new ListFrame();
      int i = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        String elementPath = path + "[" + i++ + "]";
        String elementPattern = pattern + "[]";
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

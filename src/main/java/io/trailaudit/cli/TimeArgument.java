package io.trailaudit.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * A time on the command line, in the forms the AWS CLI takes: ISO-8601 with or without an offset
 * (none means UTC), a date alone (midnight UTC), and the basic forms of its examples ({@code
 * 20160129T19:00:00Z}, {@code 20150816T230550Z}).
 */
final class TimeArgument {
  private static final List<DateTimeFormatter> LOCAL =
      List.of(
          DateTimeFormatter.ISO_LOCAL_DATE_TIME,
          DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm:ss"),
          DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"));

  private TimeArgument() {}

  static Instant parse(String option, String value) {
    String v = value.trim();
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      // try the other forms
    }
    String local = v.endsWith("Z") ? v.substring(0, v.length() - 1) : v;
    for (DateTimeFormatter f : LOCAL) {
      try {
        return LocalDateTime.parse(local, f).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        // next form
      }
    }
    for (DateTimeFormatter f :
        List.of(DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.BASIC_ISO_DATE)) {
      try {
        return LocalDate.parse(local, f).atStartOfDay().toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        // next form
      }
    }
    throw new UsageException(
        option
            + ": Unable to parse date value: "
            + value
            + " (use ISO-8601, e.g. 2026-11-20T00:00:00Z or 2026-11-20)");
  }
}

package io.trailaudit.integrity;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the AWS CLI prints them: {@code 2015-08-17T14:01:31Z}, to the second. */
public final class DisplayTime {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private DisplayTime() {}

  public static String format(Instant t) {
    return FORMAT.format(t);
  }
}

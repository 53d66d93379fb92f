package io.trailaudit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version Maven wrote into {@code version.properties}. */
public final class Version implements CommandLine.IVersionProvider {
  private static final String VERSION = load();

  public static String get() {
    return VERSION;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"trailaudit " + VERSION, "Java " + System.getProperty("java.version")};
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("/io/trailaudit/version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}

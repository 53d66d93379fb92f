package io.trailaudit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version Maven wrote into {@code version.properties}. */
public final class Version implements CommandLine.IVersionProvider {
  private static final Properties PROPERTIES = load();
  private static final String VERSION = PROPERTIES.getProperty("version", "unknown");

  public static String get() {
    return VERSION;
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "trailaudit " + VERSION + (commit().isEmpty() ? "" : " (commit " + commit() + ")"),
      "Java " + System.getProperty("java.version")
    };
  }

  /** The git commit the build was made from (git-commit-id-maven-plugin), empty outside git. */
  public static String commit() {
    String c = PROPERTIES.getProperty("commit", "").strip();
    return c.startsWith("${") ? "" : c;
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("/io/trailaudit/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // the version reads as unknown
    }
    return p;
  }
}

package io.trailaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * target/trailaudit.jar holds no class file older than Java 6, which class-data sharing would leave
 * out of bin/trailaudit's start-up archive; the class files raised by the build (RaiseClassVersion,
 * then ProGuard's preverification) pass the JVM's type-checking verifier.
 */
class ArchivableJarIT {
  @Test
  void everyClassFileIsArchivableAndPicocliVerifiesAtItsNewVersion() throws Exception {
    File jar = new File(System.getProperty("trailaudit.jar"));
    List<String> old = new ArrayList<>();
    List<String> picocli = new ArrayList<>();
    try (ZipFile zip = new ZipFile(jar)) {
      for (ZipEntry e : Collections.list(zip.entries())) {
        String n = e.getName();
        if (!n.endsWith(".class") || n.startsWith("META-INF/")) {
          continue;
        }
        byte[] head;
        try (InputStream in = zip.getInputStream(e)) {
          head = in.readNBytes(8);
        }
        int major = ((head[6] & 0xff) << 8) | (head[7] & 0xff);
        if (major < 50) {
          old.add(n + " (" + major + ")");
        }
        if (n.startsWith("picocli/")) {
          assertThat(major).as(n).isEqualTo(52);
          picocli.add(n.substring(0, n.length() - 6).replace('/', '.'));
        }
      }
    }
    assertThat(old).isEmpty();
    assertThat(picocli).hasSizeGreaterThan(100);
    // A class file of version 52 has no fallback to the old verifier: linking it (here, on
    // initialization, from a loader of its own) checks the stack map frames ProGuard wrote.
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {jar.toURI().toURL()}, ClassLoader.getPlatformClassLoader())) {
      for (String name : picocli) {
        Class<?> c = Class.forName(name, true, loader);
        assertThat(c.getClassLoader()).isSameAs(loader);
      }
    }
  }
}

package io.trailaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every registered format passes the renderer contract: none ships untested. */
class RendererContractCoverageTest {
  /** The formats of the {@link RendererContract} subclasses on the test class path. */
  static List<Format> contracted() throws Exception {
    Path classes =
        Path.of(RendererContract.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path pkg = classes.resolve(RendererContract.class.getPackageName().replace('.', '/'));
    List<Format> formats = new ArrayList<>();
    try (Stream<Path> files = Files.list(pkg)) {
      for (Path p : files.sorted().toList()) {
        String file = p.getFileName().toString();
        if (!file.endsWith(".class") || file.contains("$")) {
          continue;
        }
        Class<?> c =
            Class.forName(
                RendererContract.class.getPackageName()
                    + "."
                    + file.substring(0, file.length() - ".class".length()));
        if (RendererContract.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())) {
          assertThat(c.getSimpleName()).as("a contract class Surefire runs").endsWith("Test");
          var constructor = c.getDeclaredConstructor();
          constructor.setAccessible(true);
          formats.add(((RendererContract) constructor.newInstance()).format());
        }
      }
    }
    return formats;
  }

  @Test
  void everyFormatHasExactlyOneContractSubclass() throws Exception {
    assertThat(contracted()).containsExactlyInAnyOrder(Format.values());
  }

  @Test
  void goldenFilesAreThoseOfTheFormatsAndCases() throws Exception {
    List<Path> expected = new ArrayList<>();
    for (Format f : Format.values()) {
      for (ContractCase c : ContractCase.values()) {
        expected.add(RendererContract.golden(f, c));
      }
    }
    try (Stream<Path> files = Files.walk(RendererContract.GOLDEN)) {
      assertThat(files.filter(Files::isRegularFile).toList())
          .as("golden files (a stale one is left from a removed format or case)")
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void formatNamesAndFileEndingsAreDistinct() {
    assertThat(Arrays.stream(Format.values()).map(Format::label)).doesNotHaveDuplicates();
    assertThat(Arrays.stream(Format.values()).map(Format::extension)).doesNotHaveDuplicates();
  }
}

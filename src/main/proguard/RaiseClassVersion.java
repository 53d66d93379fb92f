import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A build step between shade and ProGuard (pom.xml): raises the class files older than Java 6
 * (version 50) to Java 8 (version 52), and copies every other entry unchanged, in order.
 *
 * <p>The JDK's class-data sharing never archives a class file older than version 50 (it would need
 * the old inference verifier), so bin/trailaudit's start-up archive left out all of picocli, whose
 * jar targets Java 5, and every run defined and verified its ~170 classes from the jar again: about
 * 55 ms of a 250 ms {@code --version}. Only the version number is changed here; ProGuard, which
 * runs next, preverifies every class file of version 50 or later: it inlines any subroutine and
 * writes the StackMapTable that the type-checking verifier needs. ShrunkJarIT loads and verifies
 * every raised class from the final jar.
 *
 * <p>Usage: {@code java RaiseClassVersion.java IN.jar OUT.jar}
 */
public final class RaiseClassVersion {
  private static final int OLDEST_ARCHIVABLE = 50;
  private static final int RAISED_TO = 52;

  public static void main(String[] args) throws IOException {
    Path in = Path.of(args[0]);
    Path out = Path.of(args[1]);
    int raised = 0;
    try (ZipFile zip = new ZipFile(in.toFile());
        OutputStream file = Files.newOutputStream(out);
        ZipOutputStream zout = new ZipOutputStream(file)) {
      for (ZipEntry source : Collections.list(zip.entries())) {
        byte[] bytes;
        try (InputStream s = zip.getInputStream(source)) {
          bytes = s.readAllBytes();
        }
        if (source.getName().endsWith(".class") && isClassFile(bytes)) {
          int major = ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff);
          if (major < OLDEST_ARCHIVABLE) {
            bytes[4] = 0;
            bytes[5] = 0;
            bytes[6] = (byte) (RAISED_TO >> 8);
            bytes[7] = (byte) RAISED_TO;
            raised++;
          }
        }
        ZipEntry copy = new ZipEntry(source.getName());
        copy.setTime(source.getTime());
        zout.putNextEntry(copy);
        zout.write(bytes);
        zout.closeEntry();
      }
    }
    System.out.printf(
        "RaiseClassVersion: %s: %d class files raised from before Java 6 to version %d%n",
        out, raised, RAISED_TO);
  }

  private static boolean isClassFile(byte[] b) {
    return b.length >= 8
        && (b[0] & 0xff) == 0xCA
        && (b[1] & 0xff) == 0xFE
        && (b[2] & 0xff) == 0xBA
        && (b[3] & 0xff) == 0xBE;
  }
}

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The build's second shrinking step (pom.xml, after ProGuard): removes the AWS SDK service classes
 * that no kept class can reach, and copies every other entry unchanged, in order.
 *
 * <p>ProGuard marks a default method of an interface as used as soon as the interface method it
 * overrides is used, whether or not anything implements the sub-interface ("may be premature",
 * says its source). Every shape builder of the SDK has such bridge methods for {@code
 * AwsRequest.Builder.overrideConfiguration}, which the paginators call, so ProGuard keeps every
 * shape of every service, with its nested shapes. Here a class is kept when a kept class refers to
 * it in its code, its member descriptors, its constant strings (names loaded with Class.forName),
 * its super types or its NestHost, or when it is the outer class of a kept class; a mere listing
 * in another class's InnerClasses or NestMembers attribute (names only, never loaded from there)
 * does not keep it. Every class outside {@code software/amazon/awssdk/services/} is a root, and so
 * are the classes named in {@code roots} (loaded by name from outside the services).
 *
 * <p>Every entry is written with the time given by {@code --time} (the build's
 * project.build.outputTimestamp): ProGuard stamps its output with the time of the build, and two
 * builds of one commit must give the same bytes.
 *
 * <p>Usage: {@code java PruneUnreachable.java [--time=ISO_INSTANT] IN.jar OUT.jar [ROOT_REGEX]}
 */
public final class PruneUnreachable {
  private static final String SHRUNK = "software/amazon/awssdk/services/";
  private static final Pattern TYPE = Pattern.compile("L([^;<>]+)[;<]");

  public static void main(String[] options) throws IOException {
    List<String> list = new ArrayList<>(List.of(options));
    LocalDateTime time = null;
    if (!list.isEmpty() && list.get(0).startsWith("--time=")) {
      time =
          LocalDateTime.ofInstant(
              Instant.parse(list.remove(0).substring("--time=".length())), ZoneOffset.UTC);
    }
    String[] args = list.toArray(String[]::new);
    Path in = Path.of(args[0]);
    Path out = Path.of(args[1]);
    Pattern roots = Pattern.compile(args.length > 2 ? args[2] : "$^");
    Map<String, Set<String>> refs = new HashMap<>();
    List<String> order = new ArrayList<>();
    try (ZipFile zip = new ZipFile(in.toFile())) {
      for (ZipEntry e : Collections.list(zip.entries())) {
        order.add(e.getName());
        String n = e.getName();
        if (n.endsWith(".class") && !n.startsWith("META-INF/")) {
          try (InputStream s = zip.getInputStream(e)) {
            refs.put(n.substring(0, n.length() - 6), references(s.readAllBytes()));
          }
        }
      }
      Set<String> kept = new HashSet<>();
      Deque<String> queue = new ArrayDeque<>();
      for (String c : refs.keySet()) {
        if (!c.startsWith(SHRUNK) || roots.matcher(c).matches()) {
          kept.add(c);
          queue.add(c);
        }
      }
      while (!queue.isEmpty()) {
        String c = queue.poll();
        List<String> next = new ArrayList<>(refs.get(c));
        int dollar = c.lastIndexOf('$');
        if (dollar > 0) {
          next.add(c.substring(0, dollar));
        }
        for (String d : next) {
          if (refs.containsKey(d) && kept.add(d)) {
            queue.add(d);
          }
        }
      }
      int removed = 0;
      try (OutputStream file = Files.newOutputStream(out);
          ZipOutputStream zout = new ZipOutputStream(file)) {
        for (String n : order) {
          if (n.endsWith(".class")
              && refs.containsKey(n.substring(0, n.length() - 6))
              && !kept.contains(n.substring(0, n.length() - 6))) {
            removed++;
            continue;
          }
          ZipEntry source = zip.getEntry(n);
          ZipEntry copy = new ZipEntry(n);
          if (time != null) {
            copy.setTimeLocal(time);
          } else {
            copy.setTime(source.getTime());
          }
          zout.putNextEntry(copy);
          try (InputStream s = zip.getInputStream(source)) {
            s.transferTo(zout);
          }
          zout.closeEntry();
        }
      }
      System.out.printf(
          "PruneUnreachable: %s: %d of %d classes kept, %d removed%n",
          out, refs.size() - removed, refs.size(), removed);
    }
  }

  /** The classes one class file refers to, but for InnerClasses and NestMembers listings. */
  static Set<String> references(byte[] bytes) throws IOException {
    DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes));
    in.skipBytes(8);
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    int[] classNames = new int[count];
    int[] strings = new int[count];
    Set<Integer> descriptors = new HashSet<>();
    Set<Integer> used = new HashSet<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 3, 4 -> in.skipBytes(4);
        case 5, 6 -> {
          in.skipBytes(8);
          i++;
        }
        case 7 -> classNames[i] = in.readUnsignedShort();
        case 8 -> strings[i] = in.readUnsignedShort();
        case 19, 20 -> in.skipBytes(2);
        case 16 -> descriptors.add(in.readUnsignedShort());
        case 12 -> {
          in.skipBytes(2);
          descriptors.add(in.readUnsignedShort());
        }
        case 9, 10, 11 -> {
          used.add(in.readUnsignedShort());
          in.skipBytes(2);
        }
        case 17, 18 -> in.skipBytes(4);
        case 15 -> in.skipBytes(3);
        default -> throw new IOException("constant pool tag " + tag);
      }
    }
    in.skipBytes(2);
    used.add(in.readUnsignedShort());
    used.add(in.readUnsignedShort());
    int interfaces = in.readUnsignedShort();
    for (int i = 0; i < interfaces; i++) {
      used.add(in.readUnsignedShort());
    }
    for (int kind = 0; kind < 2; kind++) {
      int members = in.readUnsignedShort();
      for (int m = 0; m < members; m++) {
        in.skipBytes(4);
        descriptors.add(in.readUnsignedShort());
        int n = in.readUnsignedShort();
        for (int a = 0; a < n; a++) {
          in.skipBytes(2);
          scan(in.readNBytes(in.readInt()), classNames, used);
        }
      }
    }
    Set<Integer> listed = new HashSet<>();
    int attributes = in.readUnsignedShort();
    for (int a = 0; a < attributes; a++) {
      String name = utf8[in.readUnsignedShort()];
      int length = in.readInt();
      if (name.equals("InnerClasses")) {
        int n = in.readUnsignedShort();
        for (int j = 0; j < n; j++) {
          listed.add(in.readUnsignedShort());
          listed.add(in.readUnsignedShort());
          in.skipBytes(4);
        }
      } else if (name.equals("NestMembers")) {
        int n = in.readUnsignedShort();
        for (int j = 0; j < n; j++) {
          listed.add(in.readUnsignedShort());
        }
      } else {
        scan(in.readNBytes(length), classNames, used);
      }
    }
    Set<String> out = new HashSet<>();
    for (int i = 1; i < count; i++) {
      if (classNames[i] != 0 && (used.contains(i) || !listed.contains(i))) {
        String n = utf8[classNames[i]].replaceFirst("^\\[+", "");
        out.add(n.startsWith("L") && n.endsWith(";") ? n.substring(1, n.length() - 1) : n);
      }
      if (strings[i] != 0) {
        out.add(utf8[strings[i]].replace('.', '/'));
      }
    }
    for (int d : descriptors) {
      Matcher m = TYPE.matcher(utf8[d]);
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  /**
   * Counts as used every class constant whose index appears anywhere in an attribute (code, stack
   * map frames, exception tables, NestHost...): a coarse scan, which can only keep more.
   */
  private static void scan(byte[] b, int[] classNames, Set<Integer> used) {
    for (int i = 0; i + 1 < b.length; i++) {
      int wide = (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
      if (wide < classNames.length && classNames[wide] != 0) {
        used.add(wide);
      }
      int narrow = b[i + 1] & 0xff;
      if ((b[i] & 0xff) == 0x12 && narrow < classNames.length && classNames[narrow] != 0) {
        used.add(narrow);
      }
    }
  }
}

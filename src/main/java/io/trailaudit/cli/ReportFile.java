package io.trailaudit.cli;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A file a command writes (a report or a snapshot), named by an option. Paths are checked before
 * any work starts ({@link #check}, {@link #distinct}); the content is written to a temporary file
 * beside the target, synced, and moved over the target only when complete, so that a failed write
 * (a full disk, a file size limit) leaves the previous file as it was. A target that exists and is
 * not a regular file ({@code /dev/stdout}, a pipe) is written directly. Every problem is a {@link
 * UsageException}: one line naming the option and the file, exit 2.
 */
final class ReportFile {
  /** Writes the content; must not close the stream. */
  interface Content {
    void write(OutputStream out) throws IOException;
  }

  /** Opens the temporary file: a seam so that tests can fill the disk. */
  interface Opener {
    OutputStream open(Path file) throws IOException;
  }

  private static final int BUFFER = 64 * 1024;

  static final Opener FILES = file -> new FileOutputStream(file.toFile());

  private final String option;
  private final Path path;

  ReportFile(String option, Path path) {
    this.option = option;
    this.path = path;
  }

  Path path() {
    return path;
  }

  /** {@code -o out.json} as the user wrote it, for messages. */
  String label() {
    return option + " " + path;
  }

  /**
   * Checks that the file can be written: its directory exists (or is created, with {@code
   * createParents}), is a directory and is writable, and the file itself is not a directory.
   */
  void check(boolean createParents) {
    if (Files.isDirectory(path)) {
      throw new UsageException(label() + ": is a directory; name a file");
    }
    Path dir = directory(path);
    if (createParents) {
      directory(option, dir);
    } else if (!Files.exists(dir)) {
      throw new UsageException(label() + ": directory " + dir + " does not exist");
    } else if (!Files.isDirectory(dir)) {
      throw new UsageException(label() + ": " + dir + " is not a directory");
    }
    if (Files.exists(path) && !Files.isRegularFile(path) && !Files.isWritable(path)) {
      throw new UsageException(label() + ": not writable");
    }
    if (Files.isRegularFile(path) && !Files.isWritable(dir)) {
      throw new UsageException(label() + ": directory " + dir + " is not writable");
    }
    if (!Files.exists(path) && !Files.isWritable(dir)) {
      throw new UsageException(label() + ": directory " + dir + " is not writable");
    }
  }

  /** Creates {@code dir} if needed and checks that it is a writable directory. */
  static void directory(String option, Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new UsageException(option + " " + dir + ": not a directory");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UsageException(option + " " + dir + ": cannot create it: " + reason(e));
    }
    if (!Files.isWritable(dir)) {
      throw new UsageException(option + " " + dir + ": not writable");
    }
  }

  /**
   * Refuses two outputs on the same file, and an output on one of the inputs (e.g. {@code -o}
   * naming the snapshot being audited).
   *
   * @param inputs input files by option ({@code --snapshot}, {@code --config}); null values ignored
   */
  static void distinct(List<ReportFile> outputs, Map<String, Path> inputs) {
    List<ReportFile> seen = new ArrayList<>();
    for (ReportFile out : outputs) {
      for (Map.Entry<String, Path> in : inputs.entrySet()) {
        if (in.getValue() != null && same(out.path, in.getValue())) {
          throw new UsageException(
              out.label()
                  + ": is the input file of "
                  + in.getKey()
                  + "; writing it would destroy the input. Name another file");
        }
      }
      for (ReportFile other : seen) {
        if (same(out.path, other.path)) {
          throw new UsageException(
              out.label() + " and " + other.label() + " are the same file; name different files");
        }
      }
      seen.add(out);
    }
  }

  void write(Content content) {
    write(content, FILES);
  }

  void write(Content content, Opener opener) {
    Path target = target();
    if (Files.exists(target) && !Files.isRegularFile(target)) {
      try (OutputStream raw = opener.open(target)) {
        BufferedOutputStream out = new BufferedOutputStream(raw, BUFFER);
        content.write(new Unclosed(out));
        out.flush();
      } catch (IOException e) {
        throw new UsageException("cannot write " + label() + ": " + reason(e));
      }
      return;
    }
    boolean existed = Files.exists(target);
    Path dir = directory(target);
    Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.createFile(tmp);
      copyPermissions(target, tmp);
      try (OutputStream raw = opener.open(tmp)) {
        BufferedOutputStream out = new BufferedOutputStream(raw, BUFFER);
        content.write(new Unclosed(out));
        out.flush();
        if (raw instanceof FileOutputStream file) {
          file.getFD().sync();
        }
      }
      move(tmp, target);
    } catch (IOException e) {
      delete(tmp);
      throw new UsageException(
          "cannot write "
              + label()
              + ": "
              + reason(e)
              + (existed
                  ? "; the previous " + path + " is unchanged"
                  : "; " + path + " was not written"));
    } catch (RuntimeException | Error e) {
      delete(tmp);
      throw e;
    }
  }

  /** The file to replace: a symbolic link's target, so that the link stays. */
  private Path target() {
    try {
      return Files.isSymbolicLink(path) && Files.exists(path) ? path.toRealPath() : path;
    } catch (IOException e) {
      return path;
    }
  }

  private static void move(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** A replaced report keeps its permissions; a new one gets the umask's, as any new file. */
  private static void copyPermissions(Path from, Path to) {
    try {
      if (Files.isRegularFile(from)) {
        Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
      }
    } catch (IOException | UnsupportedOperationException e) {
      // Not POSIX, or not ours: the new file keeps the default permissions.
    }
  }

  private static void delete(Path tmp) {
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException e) {
      // Nothing more to do: the write already failed and says so.
    }
  }

  private static Path directory(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? file.toAbsolutePath().getRoot() : parent;
  }

  static boolean same(Path a, Path b) {
    try {
      if (Files.exists(a) && Files.exists(b)) {
        return Files.isSameFile(a, b);
      }
    } catch (IOException e) {
      // Fall back to comparing the names.
    }
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }

  /** The operating system's reason, without the Java class name. */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Hands the content a stream it cannot close, so that the file can be synced after. */
  private static final class Unclosed extends FilterOutputStream {
    Unclosed(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}

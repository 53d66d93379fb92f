package io.trailaudit.integrity;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * SHA-256 of the uncompressed bytes of a gzip file's first member, streamed through fixed buffers,
 * as the AWS CLI computes it ({@code zlib.decompressobj(MAX_WBITS | 16)}): it stops at the end of
 * the first member, ignores a truncated stream (the hash then differs) and rejects a corrupt one.
 *
 * <p>{@link java.util.zip.GZIPInputStream} is not used because it silently reads concatenated
 * members and silently drops other trailing bytes: here both are reported as {@link
 * Result#trailingData()}, since readers such as Athena or {@code zcat} would show the events of an
 * appended member as if CloudTrail had delivered them.
 */
public final class GzipHash {
  /** Size of each of the two buffers: memory per file is this twice plus the inflater's window. */
  public static final int BUFFER = 64 * 1024;

  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;
  private static final int RESERVED = 0xe0;

  private final InputStream in;
  private final byte[] buf = new byte[BUFFER];
  private int pos;
  private int len;

  private GzipHash(InputStream in) {
    this.in = in;
  }

  /**
   * @param sha256Hex lower-case hex SHA-256 of the uncompressed bytes read
   * @param uncompressedBytes how many uncompressed bytes were hashed
   * @param complete whether the member ended with a valid trailer (false: truncated)
   * @param trailingData whether bytes follow the end of the first member
   */
  public record Result(
      String sha256Hex, long uncompressedBytes, boolean complete, boolean trailingData) {}

  /**
   * Reads {@code in} to the end of the first gzip member and one byte beyond (to see trailing
   * data); does not close it.
   *
   * @throws ZipException when the data is not gzip or is corrupt (a bad header, deflate data, CRC
   *     or length)
   * @throws IOException when reading fails
   */
  public static Result of(InputStream in) throws IOException {
    return new GzipHash(in).run();
  }

  private Result run() throws IOException {
    MessageDigest sha = sha256();
    if (!header()) {
      return new Result(hex(sha), 0, false, false);
    }
    Inflater inflater = new Inflater(true);
    CRC32 crc = new CRC32();
    byte[] out = new byte[BUFFER];
    long total = 0;
    try {
      while (!inflater.finished()) {
        if (inflater.needsInput()) {
          if (pos == len && !fill()) {
            return new Result(hex(sha), total, false, false);
          }
          inflater.setInput(buf, pos, len - pos);
          pos = len;
        }
        int n;
        try {
          n = inflater.inflate(out);
        } catch (DataFormatException e) {
          throw new ZipException("invalid deflate data: " + e.getMessage());
        }
        if (n == 0 && inflater.needsDictionary()) {
          throw new ZipException("invalid deflate data: needs a dictionary");
        }
        sha.update(out, 0, n);
        crc.update(out, 0, n);
        total += n;
      }
      pos = len - inflater.getRemaining();
    } finally {
      inflater.end();
    }
    long[] trailer = new long[2];
    for (int i = 0; i < 2; i++) {
      long v = 0;
      for (int b = 0; b < 4; b++) {
        int x = next();
        if (x < 0) {
          return new Result(hex(sha), total, false, false);
        }
        v |= ((long) x) << (8 * b);
      }
      trailer[i] = v;
    }
    if (trailer[0] != crc.getValue()) {
      throw new ZipException("incorrect data check");
    }
    if (trailer[1] != (total & 0xffffffffL)) {
      throw new ZipException("incorrect length check");
    }
    return new Result(hex(sha), total, true, next() >= 0);
  }

  /** Parses the member header (RFC 1952); false when the stream ends inside it. */
  private boolean header() throws IOException {
    int id1 = next();
    int id2 = id1 < 0 ? -1 : next();
    int cm = id2 < 0 ? -1 : next();
    int flg = cm < 0 ? -1 : next();
    if (flg < 0) {
      if (id1 >= 0 && id1 != 0x1f || id2 >= 0 && id2 != 0x8b || cm >= 0 && cm != 8) {
        throw new ZipException("not in gzip format");
      }
      return false;
    }
    if (id1 != 0x1f || id2 != 0x8b) {
      throw new ZipException("not in gzip format");
    }
    if (cm != 8) {
      throw new ZipException("unknown compression method");
    }
    if ((flg & RESERVED) != 0) {
      throw new ZipException("unknown header flags set");
    }
    if (!skip(6)) {
      return false;
    }
    if ((flg & FEXTRA) != 0) {
      int lo = next();
      int hi = lo < 0 ? -1 : next();
      if (hi < 0 || !skip(lo | (hi << 8))) {
        return false;
      }
    }
    if ((flg & FNAME) != 0 && !skipZeroTerminated()) {
      return false;
    }
    if ((flg & FCOMMENT) != 0 && !skipZeroTerminated()) {
      return false;
    }
    return (flg & FHCRC) == 0 || skip(2);
  }

  private boolean skip(int n) throws IOException {
    for (int i = 0; i < n; i++) {
      if (next() < 0) {
        return false;
      }
    }
    return true;
  }

  private boolean skipZeroTerminated() throws IOException {
    int b;
    do {
      b = next();
    } while (b > 0);
    return b == 0;
  }

  private int next() throws IOException {
    if (pos == len && !fill()) {
      return -1;
    }
    return buf[pos++] & 0xff;
  }

  private boolean fill() throws IOException {
    int n;
    do {
      n = in.read(buf, 0, buf.length);
    } while (n == 0);
    if (n < 0) {
      return false;
    }
    pos = 0;
    len = n;
    return true;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static String hex(MessageDigest sha) {
    return HexFormat.of().formatHex(sha.digest());
  }
}

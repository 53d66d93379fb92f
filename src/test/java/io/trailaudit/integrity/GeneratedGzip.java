package io.trailaudit.integrity;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A gzip stream of {@code size} uncompressed bytes of CloudTrail-like JSON, produced as it is read
 * through fixed buffers: nothing of it is ever held whole. {@link #sha256Hex()} is the hash of the
 * uncompressed bytes once the stream was read to the end.
 */
public final class GeneratedGzip extends InputStream {
  private static final int CHUNK = 64 * 1024;

  private final long size;
  private final byte[] source = new byte[CHUNK];
  private final byte[] out = new byte[CHUNK];
  private final byte[] one = new byte[1];
  private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
  private final CRC32 crc = new CRC32();
  private final MessageDigest sha;
  private long produced;
  private int outPos;
  private int outLen;
  private int stage; // 0 header, 1 body, 2 trailer, 3 done
  private long counter;

  public GeneratedGzip(long size) {
    this.size = size;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] header = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    System.arraycopy(header, 0, out, 0, header.length);
    outLen = header.length;
  }

  public String sha256Hex() {
    return HexFormat.of().formatHex(sha.digest());
  }

  @Override
  public int read() {
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    while (outPos == outLen) {
      if (!refill()) {
        return -1;
      }
    }
    int n = Math.min(len, outLen - outPos);
    System.arraycopy(out, outPos, b, off, n);
    outPos += n;
    return n;
  }

  private boolean refill() {
    outPos = 0;
    outLen = 0;
    if (stage == 0) {
      stage = 1;
    }
    if (stage == 1) {
      if (deflater.needsInput() && produced < size) {
        int n = (int) Math.min(CHUNK, size - produced);
        fillSource(n);
        sha.update(source, 0, n);
        crc.update(source, 0, n);
        deflater.setInput(source, 0, n);
        produced += n;
        if (produced == size) {
          deflater.finish();
        }
      } else if (produced == size && !deflater.finished()) {
        deflater.finish();
      }
      outLen = deflater.deflate(out);
      if (deflater.finished()) {
        stage = 2;
      }
      return true;
    }
    if (stage == 2) {
      long c = crc.getValue();
      long s = size & 0xffffffffL;
      for (int i = 0; i < 4; i++) {
        out[i] = (byte) (c >>> (8 * i));
        out[4 + i] = (byte) (s >>> (8 * i));
      }
      outLen = 8;
      stage = 3;
      deflater.end();
      return true;
    }
    return false;
  }

  private static final byte[] LINE =
      ("{\"eventTime\":\"2026-11-19T00:00:00Z\",\"eventName\":\"GetObject\","
              + "\"requestID\":\"0000000000000000\"},\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final int ID_AT = LINE.length - 20;
  private static final byte[] HEX =
      "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /**
   * Lines of event JSON with a changing id, written in place (no allocation, so that a test can
   * measure the reader's): compressible like real logs, never the same twice.
   */
  private void fillSource(int n) {
    int i = 0;
    while (i < n) {
      long id = counter++ * 0x9E3779B97F4A7C15L;
      for (int j = 0; j < LINE.length && i < n; j++) {
        int k = j - ID_AT;
        source[i++] = k >= 0 && k < 16 ? HEX[(int) (id >>> (60 - 4 * k)) & 0xf] : LINE[j];
      }
    }
  }
}

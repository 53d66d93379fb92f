package io.trailaudit.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

class GzipHashTest {
  static final byte[] TEXT =
      "{\"Records\":[{\"eventName\":\"GetObject\"}]}".getBytes(StandardCharsets.UTF_8);

  static GzipHash.Result hash(byte[] gz) throws Exception {
    return GzipHash.of(new ByteArrayInputStream(gz));
  }

  @Test
  void hashesTheUncompressedBytes() throws Exception {
    GzipHash.Result r = hash(TestTrail.gzip(TEXT));
    assertThat(r).isEqualTo(new GzipHash.Result(TestTrail.sha256(TEXT), TEXT.length, true, false));
  }

  @Test
  void aSecondMemberIsTrailingDataAndOnlyTheFirstIsHashedAsTheAwsCliDoes() throws Exception {
    ByteArrayOutputStream two = new ByteArrayOutputStream();
    two.writeBytes(TestTrail.gzip(TEXT));
    two.writeBytes(TestTrail.gzip("forged".getBytes(StandardCharsets.UTF_8)));

    GzipHash.Result r = hash(two.toByteArray());

    assertThat(r.sha256Hex()).isEqualTo(TestTrail.sha256(TEXT));
    assertThat(r.trailingData()).isTrue();
  }

  @Test
  void anyByteAfterTheTrailerIsTrailingData() throws Exception {
    byte[] gz = TestTrail.gzip(TEXT);
    byte[] padded = Arrays.copyOf(gz, gz.length + 1);
    assertThat(hash(padded).trailingData()).isTrue();
  }

  @Test
  void aTruncatedStreamHashesWhatItHasLikeZlibDecompressobj() throws Exception {
    byte[] gz = TestTrail.gzip(TEXT);
    GzipHash.Result r = hash(Arrays.copyOf(gz, gz.length - 4));
    assertThat(r.complete()).isFalse();
    assertThat(r.sha256Hex()).isEqualTo(TestTrail.sha256(TEXT));

    GzipHash.Result empty = hash(new byte[0]);
    assertThat(empty.sha256Hex()).isEqualTo(TestTrail.sha256(new byte[0]));
    assertThat(empty.complete()).isFalse();
  }

  @Test
  void aCorruptStreamIsAFormatError() {
    byte[] gz = TestTrail.gzip(TEXT);
    byte[] badCrc = gz.clone();
    badCrc[gz.length - 8] ^= 1;
    assertThatThrownBy(() -> hash(badCrc))
        .isInstanceOf(ZipException.class)
        .hasMessage("incorrect data check");
    byte[] badLength = gz.clone();
    badLength[gz.length - 1] ^= 1;
    assertThatThrownBy(() -> hash(badLength)).hasMessage("incorrect length check");
    assertThatThrownBy(() -> hash(TEXT))
        .isInstanceOf(ZipException.class)
        .hasMessage("not in gzip format");
    byte[] badDeflate = gz.clone();
    badDeflate[10] = (byte) 0xff;
    assertThatThrownBy(() -> hash(badDeflate)).isInstanceOf(ZipException.class);
  }

  @Test
  void headerFieldsAreSkipped() throws Exception {
    byte[] gz = TestTrail.gzip(TEXT);
    ByteArrayOutputStream withFields = new ByteArrayOutputStream();
    // FEXTRA | FNAME | FCOMMENT | FHCRC
    withFields.write(new byte[] {0x1f, (byte) 0x8b, 8, 4 | 8 | 16 | 2, 0, 0, 0, 0, 0, 3});
    withFields.write(new byte[] {3, 0, 'a', 'b', 'c'});
    withFields.write("name.json\0a comment\0".getBytes(StandardCharsets.US_ASCII));
    withFields.write(new byte[] {0x12, 0x34});
    withFields.write(gz, 10, gz.length - 10);

    GzipHash.Result r = hash(withFields.toByteArray());

    assertThat(r).isEqualTo(new GzipHash.Result(TestTrail.sha256(TEXT), TEXT.length, true, false));
  }

  /** 256 MiB of uncompressed log through fixed buffers: allocation stays under 1 MiB. */
  @Test
  void aLargeLogFileIsHashedInBoundedMemory() throws Exception {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long size = 256L * 1024 * 1024;
    GeneratedGzip large = new GeneratedGzip(size);
    GzipHash.of(new GeneratedGzip(1024)); // load classes before measuring

    long before = threads.getCurrentThreadAllocatedBytes();
    GzipHash.Result r = GzipHash.of(large);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    assertThat(r.uncompressedBytes()).isEqualTo(size);
    assertThat(r.complete()).isTrue();
    assertThat(r.sha256Hex()).isEqualTo(large.sha256Hex());
    assertThat(allocated).as("bytes allocated while hashing 256 MiB").isLessThan(1024 * 1024);
  }
}

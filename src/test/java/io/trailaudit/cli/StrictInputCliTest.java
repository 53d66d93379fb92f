package io.trailaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refused input exits 2 with one line naming the file and place, and no stack trace. */
class StrictInputCliTest {
  @TempDir Path dir;

  @Test
  void aNumericAccountIdInASnapshotExits2WithOneLine() throws Exception {
    Path snap = dir.resolve("snap.json");
    Files.writeString(
        snap,
        Files.readString(Path.of(CliTest.DEMO))
            .replaceFirst("\"accountId\"\\s*:\\s*\"111111111111\"", "\"accountId\": 1111"));

    CliTest.Result r = CliTest.run("audit", "--snapshot", snap.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .startsWith("trailaudit: " + snap + ": line ")
                    .endsWith(
                        ": at $.accounts[0].accountId: an account id is a string of 12 digits"
                            + " such as \"111111111111\", not the number 1111"));
  }

  @Test
  void aConfigWithAWrongTypeExits2InTheUsersWords() throws Exception {
    Path cfg = dir.resolve("trailaudit.yml");
    Files.writeString(cfg, "lake: 5\n");

    CliTest.Result r = CliTest.run("audit", "--snapshot", CliTest.DEMO, "--config", cfg.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "trailaudit: "
                + cfg
                + ": line 1, column 7: at $.lake: expected an object (key: value pairs), found the"
                + " number 5"
                + System.lineSeparator());
  }

  @Test
  void aBinaryConfigExits2() throws Exception {
    Path cfg = dir.resolve("trailaudit.yml");
    Files.write(cfg, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0});

    CliTest.Result r = CliTest.run("audit", "--snapshot", CliTest.DEMO, "--config", cfg.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "trailaudit: "
                + cfg
                + ": not UTF-8 text (byte 0x89 at offset 0): is it a binary file?"
                + System.lineSeparator());
  }
}

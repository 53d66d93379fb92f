package io.trailaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailaudit.integrity.InMemoryStore;
import io.trailaudit.integrity.PublicKeySource;
import io.trailaudit.integrity.ReadFailure;
import io.trailaudit.integrity.TestTrail;
import io.trailaudit.integrity.TestTrail.DigestRef;
import io.trailaudit.integrity.TestTrail.Encoding;
import io.trailaudit.integrity.TestTrail.LogRef;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The "Done when" cases: a signed digest chain over an in-memory bucket, validated by the
 * command's own code path, asserting the exact lines the AWS CLI would print and the exit code.
 */
class ValidateLogsScenarioTest {
  static final Instant START = Instant.parse("2026-11-19T00:00:00Z");
  static final Instant END = Instant.parse("2026-11-19T04:00:00Z");
  static final String HEADER =
      "Validating log files for trail arn:aws:cloudtrail:us-east-1:123456789012:trail/main"
          + " between 2026-11-19T00:00:00Z and 2026-11-19T04:00:00Z\n\n";
  static final String REQUESTED =
      "Results requested for 2026-11-19T00:00:00Z to 2026-11-19T04:00:00Z\n";
  static final String FOUND = "Results found for 2026-11-19T00:05:00Z to 2026-11-19T04:00:00Z:\n";

  final InMemoryStore store = new InMemoryStore(3);
  final TestTrail trail = new TestTrail(store);
  final List<LogRef> logs = new ArrayList<>();
  final List<DigestRef> digests = new ArrayList<>();

  record Run(int code, String out, String err) {}

  static Instant hour(int h, int minute) {
    return START.plusSeconds(h * 3600L + minute * 60L);
  }

  /** Four hourly digests (ending 01:05 … 04:05), two log files each; the first starts the chain. */
  void chain(TestTrail t) {
    for (int h = 1; h <= 4; h++) {
      LogRef a = t.log(hour(h, -25));
      LogRef b = t.log(hour(h, -5));
      logs.add(a);
      logs.add(b);
      digests.add(t.digest(hour(h, 5), a, b));
    }
  }

  Run run(TestTrail t, PublicKeySource keys, boolean verbose, ValidationOutput.Format format)
      throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        ValidateLogsCommand.execute(
            new PrintWriter(out),
            new PrintWriter(err),
            format,
            verbose,
            4,
            store,
            keys,
            t.arn,
            t.location(),
            START,
            END);
    return new Run(code, out.toString(), err.toString());
  }

  Run run() throws Exception {
    return run(trail, TestTrail.publicKeys(Encoding.PKCS1), false, ValidationOutput.Format.text);
  }

  static String uri(String key) {
    return "s3://trail-bucket/" + key;
  }

  @Test
  void aValidChainIsValidAndExits0() throws Exception {
    chain(trail);

    Run r = run();

    assertThat(r.out())
        .isEqualTo(HEADER + REQUESTED + FOUND + "\n4/4 digest files valid\n8/8 log files valid\n");
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
  }

  @Test
  void verboseListsEveryFileNewestDigestFirstEachFollowedByItsLogs() throws Exception {
    chain(trail);

    Run r = run(trail, TestTrail.publicKeys(Encoding.PKCS1), true, ValidationOutput.Format.text);

    List<String> lines = r.out().lines().toList();
    List<String> expected = new ArrayList<>();
    for (int i = 3; i >= 0; i--) {
      expected.add("Digest file\t" + uri(digests.get(i).key()) + "\tvalid");
      expected.add("Log file\t" + uri(logs.get(2 * i).key()) + "\tvalid");
      expected.add("Log file\t" + uri(logs.get(2 * i + 1).key()) + "\tvalid");
    }
    assertThat(lines.subList(2, 14)).containsExactlyElementsOf(expected);
    assertThat(lines.subList(14, lines.size()))
        .containsExactly(
            "",
            REQUESTED.strip(),
            FOUND.strip(),
            "",
            "4/4 digest files valid",
            "8/8 log files valid");
    assertThat(r.code()).isZero();
  }

  @Test
  void aTamperedLogFileIsInvalid() throws Exception {
    chain(trail);
    LogRef tampered = logs.get(5);
    store.put(
        tampered.bucket(),
        tampered.key(),
        TestTrail.gzip("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8)),
        Map.of());

    Run r = run();

    assertThat(r.err())
        .isEqualTo("Log file\t" + uri(tampered.key()) + "\tINVALID: hash value doesn't match\n\n");
    assertThat(r.out())
        .isEqualTo(
            HEADER
                + REQUESTED
                + FOUND
                + "\n4/4 digest files valid\n7/8 log files valid, 1/8 log files INVALID\n");
    assertThat(r.code()).isEqualTo(1);
  }

  @Test
  void aDeletedLogFileIsNotFound() throws Exception {
    chain(trail);
    store.delete("trail-bucket", logs.get(0).key());

    Run r = run();

    assertThat(r.err())
        .isEqualTo("Log file\t" + uri(logs.get(0).key()) + "\tINVALID: not found\n\n");
    assertThat(r.out())
        .endsWith("\n4/4 digest files valid\n7/8 log files valid, 1/8 log files INVALID\n");
    assertThat(r.code()).isEqualTo(1);
  }

  @Test
  void aDeletedMiddleDigestIsNotFoundAndTheWalkGoesOnBeforeIt() throws Exception {
    chain(trail);
    store.delete("trail-bucket", digests.get(2).key());

    Run r = run();

    assertThat(r.err())
        .isEqualTo("Digest file\t" + uri(digests.get(2).key()) + "\tINVALID: not found\n\n");
    assertThat(r.out())
        .isEqualTo(
            HEADER
                + REQUESTED
                + FOUND
                + "\n3/4 digest files valid, 1/4 digest files INVALID\n6/6 log files valid\n");
    assertThat(r.code()).isEqualTo(1);
  }

  @Test
  void aMovedDigestIsInvalid() throws Exception {
    chain(trail);
    DigestRef newest = digests.get(3);
    String moved = trail.digestKey(hour(4, 6), false);
    store.put(
        "trail-bucket",
        moved,
        store.bytes("trail-bucket", newest.key()),
        store.metadata("trail-bucket", newest.key()));
    store.delete("trail-bucket", newest.key());

    Run r = run();

    assertThat(r.err())
        .isEqualTo(
            "Digest file\t"
                + uri(moved)
                + "\tINVALID: has been moved from its original location\n\n");
    assertThat(r.out())
        .isEqualTo(
            HEADER
                + REQUESTED
                + "Results found for 2026-11-19T00:05:00Z to 2026-11-19T03:05:00Z:\n"
                + "\n3/4 digest files valid, 1/4 digest files INVALID\n6/6 log files valid\n");
    assertThat(r.code()).isEqualTo(1);
  }

  @Test
  void anUnknownKeyFingerprintIsInvalid() throws Exception {
    chain(trail);
    LogRef late = trail.log(hour(5, -10));
    DigestRef foreign = trail.digestSignedWith(TestTrail.OTHER_KEY, hour(4, 50), late);

    Run r = run();

    assertThat(r.err())
        .isEqualTo(
            "Digest file\t"
                + uri(foreign.key())
                + "\tINVALID: public key not found in region us-east-1 for fingerprint "
                + TestTrail.fingerprint(TestTrail.OTHER_KEY)
                + "\n\n");
    assertThat(r.out())
        .endsWith("\n4/5 digest files valid, 1/5 digest files INVALID\n8/8 log files valid\n");
    assertThat(r.code()).isEqualTo(1);
  }

  @Test
  void aBadSignatureIsInvalid() throws Exception {
    chain(trail);
    DigestRef d = digests.get(1);
    String forged = TestTrail.sign(TestTrail.OTHER_KEY.getPrivate(), "forged");
    store.put(
        "trail-bucket",
        d.key(),
        store.bytes("trail-bucket", d.key()),
        Map.of("signature", forged, "signature-algorithm", "SHA256withRSA"));

    Run r = run();

    assertThat(r.err())
        .isEqualTo("Digest file\t" + uri(d.key()) + "\tINVALID: signature verification failed\n\n");
    assertThat(r.out())
        .endsWith("\n3/4 digest files valid, 1/4 digest files INVALID\n6/6 log files valid\n");
    assertThat(r.code()).isEqualTo(1);
  }

  @Test
  void aDigestWithoutSignatureMetadataFailsVerification() throws Exception {
    chain(trail);
    DigestRef d = digests.get(3);
    store.put("trail-bucket", d.key(), store.bytes("trail-bucket", d.key()), Map.of());

    Run r = run();

    assertThat(r.err())
        .isEqualTo("Digest file\t" + uri(d.key()) + "\tINVALID: signature verification failed\n\n");
    assertThat(r.code()).isEqualTo(1);
  }

  @Test
  void aStartingDigestSignsTheWordNullForThePreviousSignature() throws Exception {
    LogRef a = trail.log(hour(1, -20));
    DigestRef first = trail.startingDigest(hour(1, 5), a);

    Run r = run(trail, TestTrail.publicKeys(Encoding.PKCS1), true, ValidationOutput.Format.text);

    assertThat(r.out())
        .isEqualTo(
            HEADER
                + "Digest file\t"
                + uri(first.key())
                + "\tvalid\nLog file\t"
                + uri(a.key())
                + "\tvalid\n\n"
                + REQUESTED
                + "Results found for 2026-11-19T00:05:00Z to 2026-11-19T01:05:00Z:\n"
                + "\n1/1 digest files valid\n1/1 log files valid\n");
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
  }

  @Test
  void aGapIsReportedButIsNotInvalid() throws Exception {
    LogRef a = trail.log(hour(1, -20));
    trail.digest(hour(1, 5), a);
    LogRef b = trail.log(hour(2, -20));
    trail.digest(hour(2, 5), b);
    // logging stopped from 02:05 to 03:05; CloudTrail starts a new chain
    LogRef c = trail.log(hour(4, -20));
    trail.startingDigest(hour(4, 5), c);

    Run r = run();

    assertThat(r.err())
        .isEqualTo(
            "No log files were delivered by CloudTrail between 2026-11-19T02:05:00Z and"
                + " 2026-11-19T03:05:00Z\n\n");
    assertThat(r.out())
        .isEqualTo(HEADER + REQUESTED + FOUND + "\n3/3 digest files valid\n3/3 log files valid\n");
    assertThat(r.code()).isZero();
  }

  @Test
  void bytesAfterTheEndOfTheGzipStreamAreReported() throws Exception {
    chain(trail);
    LogRef l = logs.get(3);
    ByteArrayOutputStream appended = new ByteArrayOutputStream();
    appended.writeBytes(store.bytes("trail-bucket", l.key()));
    appended.writeBytes(
        TestTrail.gzip(
            "{\"Records\":[{\"eventName\":\"Forged\"}]}".getBytes(StandardCharsets.UTF_8)));
    store.put("trail-bucket", l.key(), appended.toByteArray(), Map.of());

    Run r = run();

    assertThat(r.err())
        .isEqualTo(
            "Log file\t" + uri(l.key()) + "\tINVALID: data after the end of the gzip stream\n\n");
    assertThat(r.out()).endsWith("7/8 log files valid, 1/8 log files INVALID\n");
    assertThat(r.code()).isEqualTo(1);
  }

  @Test
  void anOrganizationTrailUsesTheOrganizationPathLevel() throws Exception {
    TestTrail org = new TestTrail(store, "org-bucket", "cloudtrail", "o-a1b2c3d4e5");
    chain(org);
    // a trail of the same name outside the organization level is not this trail's
    TestTrail outside = new TestTrail(store, "org-bucket", "cloudtrail", null);
    outside.digest(hour(2, 30), outside.log(hour(2, 20)));

    Run r = run(org, TestTrail.publicKeys(Encoding.PKCS1), false, ValidationOutput.Format.text);

    assertThat(digests.get(0).key())
        .startsWith("cloudtrail/AWSLogs/o-a1b2c3d4e5/123456789012/CloudTrail-Digest/us-east-1/");
    assertThat(r.out())
        .isEqualTo(
            "Validating log files for trail"
                + " arn:aws:cloudtrail:us-east-1:123456789012:trail/org-trail"
                + " between 2026-11-19T00:00:00Z and 2026-11-19T04:00:00Z\n\n"
                + REQUESTED
                + FOUND
                + "\n4/4 digest files valid\n8/8 log files valid\n");
    assertThat(r.code()).isZero();
  }

  @Test
  void backfillDigestsAreValidatedToo() throws Exception {
    chain(trail);
    LogRef late = trail.log(hour(2, 40));
    DigestRef backfill = trail.backfillDigest(hour(3, 10), late);

    Run r = run(trail, TestTrail.publicKeys(Encoding.PKCS1), true, ValidationOutput.Format.text);

    assertThat(backfill.key()).endsWith("_20261119T031000Z_backfill.json.gz");
    assertThat(r.out())
        .contains(
            "Digest file\t"
                + uri(backfill.key())
                + "\tvalid\nLog file\t"
                + uri(late.key())
                + "\tvalid\n")
        .endsWith("\n5/5 digest files valid\n9/9 log files valid\n");
    assertThat(r.code()).isZero();

    store.put("trail-bucket", late.key(), TestTrail.gzip(new byte[] {'x'}), Map.of());
    Run tampered = run();
    assertThat(tampered.err())
        .isEqualTo("Log file\t" + uri(late.key()) + "\tINVALID: hash value doesn't match\n\n");
    assertThat(tampered.code()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void publicKeysAreReadInEitherDerEncoding(Encoding encoding) throws Exception {
    chain(trail);

    Run r = run(trail, TestTrail.publicKeys(encoding), false, ValidationOutput.Format.text);

    assertThat(r.out()).endsWith("\n4/4 digest files valid\n8/8 log files valid\n");
    assertThat(r.code()).isZero();
  }

  @Test
  void aKeyThatIsNeitherEncodingCannotBeLoaded() throws Exception {
    chain(trail);
    PublicKeySource garbage =
        (s, e) ->
            List.of(
                new PublicKeySource.PublicKeyInfo(
                    TestTrail.fingerprint(), new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}, s, e));

    Run r = run(trail, garbage, false, ValidationOutput.Format.text);

    assertThat(r.err())
        .startsWith(
            "Digest file\t"
                + uri(digests.get(3).key())
                + "\tINVALID: Unable to load PKCS #1 key with fingerprint "
                + TestTrail.fingerprint()
                + "\n\n");
    assertThat(r.out()).contains("No valid digests found in range\n");
    assertThat(r.code()).isEqualTo(1);
  }

  @Test
  void anUnreadableLogFileIsNeitherValidNorInvalidButFailsTheRun() throws Exception {
    chain(trail);
    store.fail(
        "trail-bucket",
        logs.get(7).key(),
        new ReadFailure("s3", "GetObject", "AccessDenied", "Access Denied"));

    Run r = run();

    assertThat(r.err())
        .isEqualTo(
            "Log file\t"
                + uri(logs.get(7).key())
                + "\tUNREADABLE: s3:GetObject failed: AccessDenied (Access Denied)\n\n");
    assertThat(r.out())
        .endsWith("\n4/4 digest files valid\n7/8 log files valid, 1/8 log files UNREADABLE\n");
    assertThat(r.code()).isEqualTo(1);
  }

  @Test
  void noDigestsInTheWindowMeansNothingWasValidatedAndExits3() throws Exception {
    Run r = run();

    // The output is the AWS CLI's; unlike its exit 0, nothing validated is not a pass.
    assertThat(r.out()).isEqualTo(HEADER + REQUESTED + "No digests found\n");
    assertThat(r.err())
        .isEqualTo(
            "trailaudit: validation could not run: no digest file was found for "
                + trail.arn
                + " in the window, so no log file was validated\n");
    assertThat(r.code()).isEqualTo(3);
  }

  @Test
  void withoutPublicKeysValidationCannotRun() throws Exception {
    chain(trail);

    Run r = run(trail, (s, e) -> List.of(), false, ValidationOutput.Format.text);

    assertThat(r.err())
        .isEqualTo(
            "trailaudit: validation could not run: cloudtrail:ListPublicKeys failed: NoPublicKeys"
                + " (No public keys found between 2026-11-19T00:00:00Z and"
                + " 2026-11-19T04:00:00Z)\n");
    assertThat(r.code()).isEqualTo(3);
  }

  @Test
  void jsonListsCountsGapsAndEveryProblem() throws Exception {
    chain(trail);
    store.delete("trail-bucket", logs.get(2).key());

    Run r = run(trail, TestTrail.publicKeys(Encoding.X509), false, ValidationOutput.Format.json);

    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.get("trailArn").asText()).isEqualTo(trail.arn);
    assertThat(json.get("requestedStart").asText()).isEqualTo("2026-11-19T00:00:00Z");
    assertThat(json.get("foundStart").asText()).isEqualTo("2026-11-19T00:05:00Z");
    assertThat(json.get("foundEnd").asText()).isEqualTo("2026-11-19T04:00:00Z");
    assertThat(json.get("allValid").asBoolean()).isFalse();
    assertThat(json.get("digestFiles").toString())
        .isEqualTo("{\"valid\":4,\"invalid\":0,\"notFound\":0,\"unreadable\":0,\"total\":4}");
    assertThat(json.get("logFiles").toString())
        .isEqualTo("{\"valid\":7,\"invalid\":0,\"notFound\":1,\"unreadable\":0,\"total\":8}");
    assertThat(json.get("problems").toString())
        .isEqualTo(
            "[{\"type\":\"log\",\"s3Uri\":\""
                + uri(logs.get(2).key())
                + "\",\"verdict\":\"NOT_FOUND\",\"reason\":\"not found\"}]");
    assertThat(json.has("valid")).isFalse();
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isEqualTo(1);
  }
}

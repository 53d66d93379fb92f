package io.trailaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Check;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A check from another class path entry (compiled here from source, with its metadata and service
 * file, into a directory of its own) is found by ServiceLoader, catalogued, run and rendered in
 * every format, as a third-party check jar would be.
 */
class ExternalCheckTest {
  static final String RULE = "bucket-tags/owner-tag";

  static final String SOURCE =
      """
      package example.bucketags;

      import io.trailaudit.checks.Check;
      import io.trailaudit.checks.Finding;
      import io.trailaudit.checks.FindingFactory;
      import io.trailaudit.checks.Resource;
      import io.trailaudit.config.AuditConfig;
      import io.trailaudit.model.AccountSnapshot;
      import io.trailaudit.model.Snapshot;
      import java.util.ArrayList;
      import java.util.List;
      import java.util.Map;

      public final class BucketTagsCheck implements Check {
        @Override
        public String id() {
          return "bucket-tags";
        }

        @Override
        public List<Finding> evaluate(Snapshot snapshot, AuditConfig config) {
          FindingFactory f = new FindingFactory(info());
          List<Finding> out = new ArrayList<>();
          for (AccountSnapshot a : snapshot.accounts()) {
            out.add(
                f.fail(
                    "owner-tag",
                    new Resource(a.accountId(), Resource.GLOBAL, "arn:aws:s3:::external-" + a.accountId()),
                    "external check finding for account "
                        + a.accountId()
                        + ": requires the tags "
                        + String.join(", ", parameters(config).strings("bucketTags.requiredKeys"))
                        + " (at least "
                        + parameters(config).integer("bucketTags.minKeys")
                        + ")",
                    Map.of("account", a.accountId())));
          }
          return out;
        }
      }
      """;

  static final String METADATA =
      """
      {
        "id": "bucket-tags",
        "number": 90,
        "title": "Trail buckets carry an owner tag",
        "severity": "HIGH",
        "description": "A check from outside trailaudit, loaded from the class path.",
        "placeholders": ["account"],
        "parameters": [
          {"name": "bucketTags.requiredKeys", "type": "string-list", "default": ["owner"],
           "description": "Tag keys every trail bucket must carry."},
          {"name": "bucketTags.minKeys", "type": "integer", "default": 1, "min": 1,
           "description": "The least number of tags."}
        ],
        "requirements": [
          {
            "id": "owner-tag",
            "title": "The bucket has an owner tag",
            "passesWhen": "never, in this test",
            "controls": "none",
            "remediation": {
              "default": "aws s3api put-bucket-tagging --bucket external-{account} --tagging 'TagSet=[{Key=owner,Value=security}]'"
            }
          }
        ]
      }
      """;

  @TempDir static Path dir;
  static URLClassLoader loader;

  @BeforeAll
  static void compileTheCheck() throws Exception {
    Path src = dir.resolve("src/example/bucketags/BucketTagsCheck.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, SOURCE);
    Path classes = dir.resolve("classes");
    Path pkg = classes.resolve("example/bucketags");
    Files.createDirectories(pkg);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    String trailaudit =
        Path.of(Check.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int rc =
        javac.run(
            null,
            diagnostics,
            diagnostics,
            "--release",
            "17",
            "-cp",
            trailaudit,
            "-d",
            classes.toString(),
            src.toString());
    assertThat(rc).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();
    Files.writeString(pkg.resolve("check.json"), METADATA);
    Path services = classes.resolve("META-INF/services/" + Check.class.getName());
    Files.createDirectories(services.getParent());
    Files.writeString(services, "example.bucketags.BucketTagsCheck\n");
    loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, ExternalCheckTest.class.getClassLoader());
  }

  /** The CLI run with the external check's directory on the class path. */
  static CliTest.Result withExternalCheck(String... args) {
    Thread t = Thread.currentThread();
    ClassLoader before = t.getContextClassLoader();
    t.setContextClassLoader(loader);
    try {
      return CliTest.run(Map.of(), false, args);
    } finally {
      t.setContextClassLoader(before);
    }
  }

  @Test
  void theExternalCheckIsListedAndExplained() {
    assertThat(withExternalCheck("checks").out())
        .contains("90. bucket-tags  [high]  Trail buckets carry an owner tag")
        .contains(RULE);
    assertThat(withExternalCheck("explain", RULE).out())
        .contains("bucket-tags/owner-tag — The bucket has an owner tag")
        .contains("put-bucket-tagging --bucket external-{account}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"text", "json", "sarif", "junit", "asff", "markdown", "html", "ocsf", "csv"})
  void itsFindingIsRenderedInEveryFormat(String format) {
    CliTest.Result r = withExternalCheck("audit", "--snapshot", CliTest.DEMO, "--format", format);
    assertThat(r.err()).isEmpty();
    // The text report groups by check and shows the requirement id under it.
    assertThat(r.out()).contains(format.equals("text") ? "90. bucket-tags — " : RULE);
    assertThat(r.out()).contains("owner-tag");
    if (!format.equals("markdown")) {
      assertThat(r.out()).contains("external check finding for account");
    }
  }

  @Test
  void withoutItsClassPathEntryTheCheckIsUnknown() {
    CliTest.Result r = CliTest.run("audit", "--snapshot", CliTest.DEMO, "--checks", "bucket-tags");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--checks: unknown check \"bucket-tags\"");
  }

  @Test
  void itsRemediationIsFilledFromThePlaceholdersItSupplies() throws Exception {
    CliTest.Result r =
        withExternalCheck(
            "audit", "--snapshot", CliTest.DEMO, "--format", "json", "--checks", "bucket-tags");
    var findings = CliTest.json(r).get("findings");
    List<String> remediations = new java.util.ArrayList<>();
    findings.forEach(
        f -> {
          if (f.get("ruleId").asText().equals(RULE)) {
            remediations.add(f.get("remediation").asText());
          }
        });
    assertThat(remediations)
        .isNotEmpty()
        .allMatch(s -> s.matches("aws s3api put-bucket-tagging --bucket external-\\d{12} .*"));
  }

  @Test
  void itsParameterHasItsDefaultAndIsExplained() throws Exception {
    CliTest.Result r =
        withExternalCheck(
            "audit", "--snapshot", CliTest.DEMO, "--format", "json", "--checks", "bucket-tags");
    assertThat(messages(r))
        .isNotEmpty()
        .allMatch(m -> m.endsWith(": requires the tags owner (at least 1)"));
    assertThat(withExternalCheck("explain", "bucket-tags").out())
        .contains("bucketTags.requiredKeys")
        .contains("[owner]")
        .contains("Tag keys every trail bucket must carry.");
  }

  @Test
  void theConfigFileSetsItsParameter() throws Exception {
    Path cfg = dir.resolve("bucket-tags.yml");
    Files.writeString(cfg, "bucketTags:\n  requiredKeys: [owner, cost-center]\n  minKeys: 3\n");
    CliTest.Result r =
        withExternalCheck(
            "audit",
            "--snapshot",
            CliTest.DEMO,
            "--format",
            "json",
            "--checks",
            "bucket-tags",
            "--config",
            cfg.toString());
    assertThat(r.err()).isEmpty();
    assertThat(messages(r))
        .isNotEmpty()
        .allMatch(m -> m.endsWith(": requires the tags owner, cost-center (at least 3)"));
  }

  @Test
  void aWrongTypeForItsParameterExits2NamingTheLine() throws Exception {
    Path cfg = dir.resolve("bucket-tags-wrong.yml");
    Files.writeString(cfg, "skipChecks: []\nbucketTags:\n  requiredKeys: owner\n");
    CliTest.Result r =
        withExternalCheck("audit", "--snapshot", CliTest.DEMO, "--config", cfg.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "trailaudit: "
                + cfg
                + ": line 3, column 17: at $.bucketTags.requiredKeys: expected a list, found the"
                + " string \"owner\""
                + System.lineSeparator());
    Files.writeString(cfg, "bucketTags:\n  minKeys: 0\n");
    assertThat(
            withExternalCheck("audit", "--snapshot", CliTest.DEMO, "--config", cfg.toString())
                .err())
        .contains(cfg + ": line 2, column 3: at $.bucketTags.minKeys: must be at least 1, not 0");
  }

  @Test
  void withoutItsCheckItsParameterIsAnUnknownKey() throws Exception {
    Path cfg = dir.resolve("bucket-tags-absent.yml");
    Files.writeString(cfg, "bucketTags:\n  requiredKeys: [owner]\n");
    CliTest.Result r = CliTest.run("audit", "--snapshot", CliTest.DEMO, "--config", cfg.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            cfg
                + ": line 1, column 1: at $.bucketTags: unknown field \"bucketTags\": no loaded"
                + " check declares a parameter \"bucketTags\"");
  }

  /** The messages of the external check's findings. */
  private static List<String> messages(CliTest.Result r) throws Exception {
    List<String> out = new java.util.ArrayList<>();
    CliTest.json(r)
        .get("findings")
        .forEach(
            f -> {
              if (f.get("ruleId").asText().equals(RULE)) {
                out.add(f.get("message").asText());
              }
            });
    return out;
  }
}

package io.trailaudit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailaudit.integrity.DisplayTime;
import io.trailaudit.integrity.FileCounts;
import io.trailaudit.integrity.ItemResult;
import io.trailaudit.integrity.ValidationListener;
import io.trailaudit.integrity.ValidationSummary;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What {@code validate-logs} prints: the AWS CLI's text, or one JSON document. */
abstract class ValidationOutput implements ValidationListener {

  enum Format {
    text,
    json
  }

  static ValidationOutput of(Format format, PrintWriter out, PrintWriter err, boolean verbose) {
    return format == Format.json ? new Json(out, verbose) : new Text(out, err, verbose);
  }

  abstract void start(String trailArn, Instant start, Instant end);

  abstract void finish(ValidationSummary summary);

  /**
   * The AWS CLI's output: invalid items and gaps on standard error, each followed by a blank line;
   * valid items on standard output with {@code --verbose}; then the closing counts.
   */
  static final class Text extends ValidationOutput {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean verbose;
    private boolean lastWasDoubleSpaced = true;

    Text(PrintWriter out, PrintWriter err, boolean verbose) {
      this.out = out;
      this.err = err;
      this.verbose = verbose;
    }

    @Override
    void start(String trailArn, Instant start, Instant end) {
      out.print(
          "Validating log files for trail "
              + trailArn
              + " between "
              + DisplayTime.format(start)
              + " and "
              + DisplayTime.format(end)
              + "\n\n");
      out.flush();
    }

    @Override
    public void onItem(ItemResult item) {
      if (item.isValid()) {
        if (verbose) {
          lastWasDoubleSpaced = false;
          out.print(item.line() + "\n");
          out.flush();
        }
      } else {
        error(item.line());
      }
    }

    @Override
    public void onGap(Instant from, Instant to) {
      error(
          "No log files were delivered by CloudTrail between "
              + DisplayTime.format(from)
              + " and "
              + DisplayTime.format(to));
    }

    private void error(String message) {
      err.print((lastWasDoubleSpaced ? "" : "\n") + message + "\n\n");
      err.flush();
      lastWasDoubleSpaced = true;
    }

    @Override
    void finish(ValidationSummary s) {
      if (!lastWasDoubleSpaced) {
        out.print("\n");
      }
      out.print(
          "Results requested for "
              + DisplayTime.format(s.requestedStart())
              + " to "
              + DisplayTime.format(s.requestedEnd())
              + "\n");
      if (s.digests().total() == 0) {
        out.print("No digests found\n");
      } else {
        if (s.foundStart() == null || s.foundEnd() == null) {
          out.print("No valid digests found in range\n");
        } else {
          out.print(
              "Results found for "
                  + DisplayTime.format(s.foundStart())
                  + " to "
                  + DisplayTime.format(s.foundEnd())
                  + ":\n");
        }
        ratio(s.digests(), "digest");
        ratio(s.logFiles(), "log");
        out.print("\n");
      }
      out.flush();
    }

    private void ratio(FileCounts c, String name) {
      int total = c.total();
      if (total == 0) {
        return;
      }
      out.print(String.format(Locale.ROOT, "%n%d/%d %s files valid", c.valid(), total, name));
      if (c.invalidOrMissing() > 0) {
        out.print(
            String.format(
                Locale.ROOT, ", %d/%d %s files INVALID", c.invalidOrMissing(), total, name));
      }
      if (c.unreadable() > 0) {
        out.print(
            String.format(Locale.ROOT, ", %d/%d %s files UNREADABLE", c.unreadable(), total, name));
      }
    }
  }

  /** One JSON document at the end: counts, gaps, every problem, and with --verbose every file. */
  static final class Json extends ValidationOutput {
    private static final ObjectMapper MAPPER =
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintWriter out;
    private final boolean verbose;
    private final List<ItemResult> problems = new ArrayList<>();
    private final List<ItemResult> valid = new ArrayList<>();
    private final ArrayNode gaps = MAPPER.createArrayNode();

    Json(PrintWriter out, boolean verbose) {
      this.out = out;
      this.verbose = verbose;
    }

    @Override
    void start(String trailArn, Instant start, Instant end) {}

    @Override
    public void onItem(ItemResult item) {
      if (!item.isValid()) {
        problems.add(item);
      } else if (verbose) {
        valid.add(item);
      }
    }

    @Override
    public void onGap(Instant from, Instant to) {
      gaps.addObject().put("from", DisplayTime.format(from)).put("to", DisplayTime.format(to));
    }

    @Override
    void finish(ValidationSummary s) {
      ObjectNode root = MAPPER.createObjectNode();
      root.put("trailArn", s.trailArn());
      root.put("requestedStart", DisplayTime.format(s.requestedStart()));
      root.put("requestedEnd", DisplayTime.format(s.requestedEnd()));
      root.put("foundStart", s.foundStart() == null ? null : DisplayTime.format(s.foundStart()));
      root.put("foundEnd", s.foundEnd() == null ? null : DisplayTime.format(s.foundEnd()));
      root.put("allValid", s.allValid());
      counts(root.putObject("digestFiles"), s.digests());
      counts(root.putObject("logFiles"), s.logFiles());
      root.set("gaps", gaps);
      items(root.putArray("problems"), problems);
      if (verbose) {
        items(root.putArray("valid"), valid);
      }
      try {
        out.print(MAPPER.writeValueAsString(root) + "\n");
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      out.flush();
    }

    private static void counts(ObjectNode o, FileCounts c) {
      o.put("valid", c.valid())
          .put("invalid", c.invalid())
          .put("notFound", c.notFound())
          .put("unreadable", c.unreadable())
          .put("total", c.total());
    }

    private static void items(ArrayNode a, List<ItemResult> items) {
      for (ItemResult i : items) {
        ObjectNode o = a.addObject();
        o.put("type", i.kind() == ItemResult.Kind.DIGEST ? "digest" : "log");
        o.put("s3Uri", i.s3Uri());
        o.put("verdict", i.verdict().name());
        if (!i.reason().isEmpty()) {
          o.put("reason", i.reason());
        }
      }
    }
  }
}

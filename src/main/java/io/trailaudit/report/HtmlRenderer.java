package io.trailaudit.report;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Severity;
import io.trailaudit.checks.Status;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * One self-contained HTML page: inline CSS and script, no external assets. The summary by status,
 * severity and check comes first, then a table per check, checks and findings worst first ({@link
 * ReportOrder}); nothing is left out. Every value from the report is escaped. With script enabled
 * there are status filters and a Copy button on each FAIL's fix; without it, everything is shown
 * and the controls stay hidden.
 */
public final class HtmlRenderer implements Renderer {
  private static final String CSS =
      """
      :root{--fail:#b42318;--error:#7a2e9c;--muted:#667085;--pass:#067647;--na:#93670b}
      [hidden]{display:none!important}
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;\
      color:#1d2939;background:#fff}
      h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
      .scope{color:#475467;margin:0 0 16px}
      table{border-collapse:collapse;margin:0 0 12px}
      th,td{border:1px solid #d0d5dd;padding:4px 8px;text-align:left;vertical-align:top}
      th{background:#f2f4f7}td.n{text-align:right;font-variant-numeric:tabular-nums}
      .findings td{word-break:break-word}.findings td.nw{white-space:nowrap;word-break:normal}.findings td.arn{font-family:monospace;font-size:12px}
      .cards{display:flex;gap:24px;flex-wrap:wrap;align-items:flex-start}
      .st{font-weight:600}.st-FAIL{color:var(--fail)}.st-ERROR{color:var(--error)}
      .st-MUTED{color:var(--muted)}.st-PASS{color:var(--pass)}.st-NOT_APPLICABLE{color:var(--na)}
      .sev-critical,.sev-high{font-weight:600}
      tr.fix td{background:#fcfcfd;border-top:none}
      .fixbox{display:flex;gap:8px;align-items:flex-start}
      pre{margin:0;padding:6px 8px;background:#f2f4f7;border-radius:4px;white-space:pre-wrap;\
      word-break:break-all;font-size:12px;flex:1}
      button.copy{font:inherit;font-size:12px;padding:2px 10px;cursor:pointer}
      #filters{border:1px solid #d0d5dd;padding:6px 12px;margin:16px 0}
      #filters label{margin-right:14px}
      .notices li{color:#93370d}
      """;

  private static final String SCRIPT =
      """
      (function () {
        var filters = document.getElementById('filters');
        filters.hidden = false;
        filters.addEventListener('change', function () {
          var off = {};
          filters.querySelectorAll('input').forEach(function (i) { off[i.value] = !i.checked; });
          document.querySelectorAll('tr[data-status]').forEach(function (r) {
            r.hidden = !!off[r.getAttribute('data-status')];
          });
        });
        function fallback(text) {
          var a = document.createElement('textarea');
          a.value = text;
          a.setAttribute('readonly', '');
          a.style.position = 'fixed';
          a.style.opacity = '0';
          document.body.appendChild(a);
          a.select();
          var ok = false;
          try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
          document.body.removeChild(a);
          return ok;
        }
        function done(button, ok) {
          button.textContent = ok ? 'Copied' : 'Copy failed';
          setTimeout(function () { button.textContent = 'Copy'; }, 1500);
        }
        document.querySelectorAll('button.copy').forEach(function (button) {
          button.hidden = false;
          button.addEventListener('click', function () {
            var text = document.getElementById(button.getAttribute('data-target')).textContent;
            if (navigator.clipboard && window.isSecureContext) {
              navigator.clipboard.writeText(text).then(
                function () { done(button, true); },
                function () { done(button, fallback(text)); });
            } else {
              done(button, fallback(text));
            }
          });
        });
      })();
      """;

  @Override
  public void render(AuditReport report, Writer out) throws IOException {
    Scope scope = report.scope();
    Summary summary = report.summary();
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.append("<title>")
        .append(esc(report.tool() + " report — " + scope.source()))
        .append("</title>\n");
    h.append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    h.append("<h1>").append(esc(report.tool() + " " + report.version())).append("</h1>\n");
    h.append("<p class=\"scope\">")
        .append(esc(scope.source()))
        .append(" · ")
        .append(scope.accounts().size())
        .append(" account(s)")
        .append(scope.organizationId() == null ? "" : " in " + esc(scope.organizationId()))
        .append(", ")
        .append(scope.regions().size())
        .append(" region(s), ")
        .append(scope.checks().size())
        .append(" check(s) · collected <time>")
        .append(scope.collectedAt())
        .append("</time> · audited <time id=\"generated-at\">")
        .append(report.generatedAt())
        .append("</time></p>\n");

    h.append("<section id=\"summary\" class=\"cards\">\n<table id=\"by-status\">\n");
    h.append("<tr><th>Findings</th><td class=\"n\" id=\"total\">")
        .append(summary.total())
        .append("</td></tr>\n");
    for (Status s : Tables.STATUSES) {
      h.append("<tr><th class=\"st st-")
          .append(s.name())
          .append("\">")
          .append(Tables.statusLabel(s))
          .append("</th><td class=\"n\">")
          .append(summary.count(s))
          .append("</td></tr>\n");
    }
    h.append("</table>\n<table id=\"by-severity\">\n<tr><th colspan=\"2\">FAIL by severity</th>");
    h.append("</tr>\n");
    for (Severity s : Severity.values()) {
      h.append("<tr><th class=\"sev-")
          .append(s.label())
          .append("\">")
          .append(s.label())
          .append("</th><td class=\"n\">")
          .append(summary.failuresBySeverity().get(s))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");

    Map<String, List<Finding>> byCheck = Tables.byCheck(report);
    h.append("<table id=\"by-check\">\n<tr><th>Check</th>");
    for (Status s : Tables.STATUSES) {
      h.append("<th class=\"st st-").append(s.name()).append("\">");
      h.append(Tables.statusLabel(s)).append("</th>");
    }
    h.append("</tr>\n");
    for (Map.Entry<String, List<Finding>> e : byCheck.entrySet()) {
      Map<Status, Integer> counts = Tables.counts(e.getValue());
      h.append("<tr><td><a href=\"#check-")
          .append(esc(e.getKey()))
          .append("\">")
          .append(esc(Tables.checkTitle(report.catalog(), e.getKey())))
          .append("</a></td>");
      for (Status s : Tables.STATUSES) {
        h.append("<td class=\"n\">").append(counts.get(s)).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n</section>\n");

    if (!report.notices().isEmpty()) {
      h.append("<section id=\"notices\">\n<h2>Notices</h2>\n<ul class=\"notices\">\n");
      for (Notice n : report.notices()) {
        h.append("<li><strong>")
            .append(esc(n.kind()))
            .append("</strong>: ")
            .append(esc(n.message()))
            .append("</li>\n");
      }
      h.append("</ul>\n</section>\n");
    }

    h.append("<fieldset id=\"filters\" hidden>\n<legend>Show</legend>\n");
    for (Status s : Tables.STATUSES) {
      h.append("<label><input type=\"checkbox\" value=\"")
          .append(s.name())
          .append("\" checked> ")
          .append(Tables.statusLabel(s))
          .append("</label>\n");
    }
    h.append("</fieldset>\n");

    int fixNumber = 0;
    for (Map.Entry<String, List<Finding>> e : byCheck.entrySet()) {
      Map<Status, Integer> counts = Tables.counts(e.getValue());
      h.append("<section id=\"check-").append(esc(e.getKey())).append("\">\n<h2>");
      h.append(esc(Tables.checkTitle(report.catalog(), e.getKey()))).append("</h2>\n");
      if (e.getValue().isEmpty()) {
        h.append("<p>No findings.</p>\n</section>\n");
        continue;
      }
      h.append("<table class=\"findings\">\n<tr><th>Status</th><th>Severity</th><th>Rule</th>");
      h.append("<th>Account</th><th>Region</th><th>Resource</th><th>Message</th></tr>\n");
      for (Finding f : e.getValue()) {
        String status = f.status().name();
        h.append("<tr data-status=\"").append(status).append("\">");
        h.append("<td class=\"nw st st-").append(status).append("\">");
        h.append(Tables.statusLabel(f.status())).append("</td>");
        h.append("<td class=\"nw sev-").append(f.severity().label()).append("\">");
        h.append(f.severity().label()).append("</td>");
        h.append("<td>").append(esc(f.ruleId())).append("</td>");
        h.append("<td class=\"nw\">").append(esc(f.account())).append("</td>");
        h.append("<td class=\"nw\">").append(esc(f.region())).append("</td>");
        h.append("<td class=\"arn\">").append(esc(f.resourceArn())).append("</td>");
        h.append("<td>").append(esc(f.message()));
        if (f.suppression() != null) {
          h.append("<br><em>muted: ").append(esc(f.suppression())).append("</em>");
        }
        h.append("</td></tr>\n");
        if (f.status() == Status.FAIL && f.remediation() != null) {
          fixNumber++;
          String id = "fix-" + fixNumber;
          h.append("<tr class=\"fix\" data-status=\"").append(status).append("\">");
          h.append("<td colspan=\"7\"><div class=\"fixbox\"><pre id=\"").append(id).append("\">");
          h.append(esc(f.remediation().strip())).append("</pre>");
          h.append("<button type=\"button\" class=\"copy\" data-target=\"").append(id);
          h.append("\" hidden>Copy</button></div></td></tr>\n");
        }
      }
      h.append("</table>\n");
      h.append("<p class=\"scope\">");
      h.append(
          String.join(
              ", ",
              Tables.STATUSES.stream()
                  .filter(s -> counts.get(s) > 0)
                  .map(s -> counts.get(s) + " " + Tables.statusLabel(s))
                  .toList()));
      h.append("</p>\n</section>\n");
    }
    h.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
    out.write(h.toString());
  }

  private static String esc(String s) {
    return Tables.html(s);
  }
}

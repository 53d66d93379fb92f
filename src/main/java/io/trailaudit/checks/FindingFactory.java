package io.trailaudit.checks;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a check's findings with the severity, controls and remediation of the requirement taken
 * from its metadata, so that a check only decides and supplies the words.
 */
public final class FindingFactory {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

  private final CheckInfo info;

  public FindingFactory(CheckInfo info) {
    this.info = info;
  }

  public Finding pass(RequirementId requirement, Resource where, String message) {
    return pass(requirement.id(), where, message);
  }

  public Finding error(RequirementId requirement, Resource where, String message) {
    return error(requirement.id(), where, message);
  }

  public Finding notApplicable(RequirementId requirement, Resource where, String message) {
    return notApplicable(requirement.id(), where, message);
  }

  public Finding fail(
      RequirementId requirement, Resource where, String message, Map<String, String> args) {
    return fail(requirement.id(), where, message, args);
  }

  public Finding fail(
      RequirementId requirement,
      String variant,
      Resource where,
      String message,
      Map<String, String> args) {
    return fail(requirement.id(), variant, where, message, args);
  }

  /** The key of a message template of the requirement's metadata ({@code "messages"}). */
  public record Message(String key) {}

  /** {@code f.fail(REQ, where, message("no-trail"), Map.of("account", id))}. */
  public static Message message(String key) {
    return new Message(key);
  }

  public Finding pass(
      RequirementId requirement, Resource where, Message message, Map<String, String> values) {
    return pass(requirement.id(), where, text(requirement, message, values));
  }

  public Finding error(
      RequirementId requirement, Resource where, Message message, Map<String, String> values) {
    return error(requirement.id(), where, text(requirement, message, values));
  }

  public Finding notApplicable(
      RequirementId requirement, Resource where, Message message, Map<String, String> values) {
    return notApplicable(requirement.id(), where, text(requirement, message, values));
  }

  /** A FAIL whose message and {@code default} remediation are filled from {@code values}. */
  public Finding fail(
      RequirementId requirement, Resource where, Message message, Map<String, String> values) {
    return fail(requirement.id(), where, text(requirement, message, values), values);
  }

  public Finding fail(
      RequirementId requirement,
      String variant,
      Resource where,
      Message message,
      Map<String, String> values) {
    return fail(requirement.id(), variant, where, text(requirement, message, values), values);
  }

  /** A message template filled in: the whole message, or a part the check puts together. */
  public String text(RequirementId requirement, Message message, Map<String, String> values) {
    String template = info.requirement(requirement.id()).messages().get(message.key());
    if (template == null) {
      throw new IllegalStateException(
          "no message \"" + message.key() + "\" for " + info.id() + "/" + requirement.id());
    }
    return fill(template, values);
  }

  public Finding pass(String requirement, Resource where, String message) {
    return make(requirement, Status.PASS, where, message, null);
  }

  public Finding error(String requirement, Resource where, String message) {
    return make(requirement, Status.ERROR, where, message, null);
  }

  public Finding notApplicable(String requirement, Resource where, String message) {
    return make(requirement, Status.NOT_APPLICABLE, where, message, null);
  }

  /** A FAIL with the {@code default} remediation filled in from {@code args}. */
  public Finding fail(
      String requirement, Resource where, String message, Map<String, String> args) {
    return fail(requirement, "default", where, message, args);
  }

  /** A FAIL with the named remediation variant filled in from {@code args}. */
  public Finding fail(
      String requirement,
      String variant,
      Resource where,
      String message,
      Map<String, String> args) {
    RequirementInfo req = info.requirement(requirement);
    String template = req.remediations().get(variant);
    if (template == null) {
      throw new IllegalStateException(
          "no remediation \"" + variant + "\" for " + info.id() + "/" + requirement);
    }
    return make(requirement, Status.FAIL, where, message, fill(template, args));
  }

  /**
   * Replaces every {@code {name}}; a placeholder without a value is a bug in the check. JSON in a
   * template never matches, as its braces are followed by a quote.
   */
  static String fill(String template, Map<String, String> args) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String value = args.get(m.group(1));
      if (value == null) {
        throw new IllegalStateException("no value for {" + m.group(1) + "} in " + template);
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private Finding make(
      String requirement, Status status, Resource where, String message, String remediation) {
    RequirementInfo req = info.requirement(requirement);
    return new Finding(
        info.id() + "/" + requirement,
        info.id(),
        requirement,
        status,
        req.severity(),
        where.account(),
        where.region(),
        where.arn(),
        message,
        remediation,
        req.controls(),
        null);
  }
}

package io.trailaudit.model;

import java.util.Objects;
import java.util.Optional;

/**
 * An Amazon Resource Name, {@code arn:partition:service:region:account:resource}: the one place
 * that takes ARN text apart. The resource keeps any further colons ({@code log-group:NAME:*});
 * region and account are empty where the service has none (S3, IAM).
 */
public record Arn(
    String partition, String service, String region, String account, String resource) {

  public Arn {
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(resource, "resource");
  }

  /** The ARN {@code text} spells, or empty when it is not one (null, no {@code arn:}, 5 fields). */
  public static Optional<Arn> parse(String text) {
    if (text == null || !text.startsWith("arn:")) {
      return Optional.empty();
    }
    String[] f = text.split(":", 6);
    return f.length == 6 ? Optional.of(new Arn(f[1], f[2], f[3], f[4], f[5])) : Optional.empty();
  }

  /** Whether {@code text} is an ARN: a key id, an alias name or a service principal is not. */
  public static boolean isArn(String text) {
    return parse(text).isPresent();
  }

  /** The ARN of an IAM role, {@code arn:PARTITION:iam::ACCOUNT:role/NAME}. */
  public static Arn role(String partition, String account, String name) {
    return new Arn(partition, "iam", "", account, "role/" + name);
  }

  /** Whether this is a {@code service} ARN whose resource starts with {@code type/}. */
  public boolean is(String service, String type) {
    return this.service.equals(service) && resource.startsWith(type + "/");
  }

  /**
   * The resource's own name: after the last {@code /} ({@code trail/NAME}, {@code key/ID}), the
   * whole resource when there is none (an S3 bucket) or it ends the resource.
   */
  public String resourceName() {
    int slash = resource.lastIndexOf('/');
    return slash >= 0 && slash < resource.length() - 1 ? resource.substring(slash + 1) : resource;
  }

  /**
   * {@code arn:aws:logs:REGION:ACCOUNT:log-group:NAME:*} gives NAME; other text is kept, less a
   * trailing {@code :*}.
   */
  public static String logGroupName(String text) {
    String rest =
        parse(text)
            .filter(a -> a.service().equals("logs") && a.resource().startsWith("log-group:"))
            .map(a -> a.resource().substring("log-group:".length()))
            .orElse(text);
    return rest.endsWith(":*") ? rest.substring(0, rest.length() - 2) : rest;
  }

  @Override
  public String toString() {
    return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource;
  }
}

package io.trailaudit.checks;

/**
 * Where a finding applies.
 *
 * @param account the account the finding is about
 * @param region the region, or {@link #GLOBAL} for account-wide findings
 * @param arn the resource ARN (trail, bucket, key, or the account itself)
 */
public record Resource(String account, String region, String arn) {
  public static final String GLOBAL = "global";

  /** The account as a whole: {@code arn:aws:iam::ACCOUNT:root}, region {@code global}. */
  public static Resource account(String accountId) {
    return new Resource(accountId, GLOBAL, "arn:aws:iam::" + accountId + ":root");
  }
}

package io.trailaudit.collect;

import io.trailaudit.model.Observed;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Credentials acting in one account: the caller's own, or an assumed role. A role that could not be
 * assumed is kept with its failure, so every read it would have made is unavailable for that
 * reason.
 *
 * @param accountId the account the credentials act in
 * @param name names the credentials for the client cache: two principals never share a name
 * @param credentials the credentials, or null when {@code failure} is set
 * @param failure why the role could not be assumed, or null
 */
record Principal(
    String accountId,
    String name,
    AwsCredentialsProvider credentials,
    Observed.Unavailable<?> failure) {

  static Principal of(String accountId, String name, AwsCredentialsProvider credentials) {
    return new Principal(accountId, name, credentials, null);
  }

  static Principal assumed(
      String accountId, String name, Observed<AwsCredentialsProvider> credentials) {
    return credentials.isKnown()
        ? of(accountId, name, credentials.value())
        : new Principal(accountId, name, null, credentials.failure());
  }

  boolean usable() {
    return failure == null;
  }

  /** The assume-role failure, as the value of any read this principal could not make. */
  <T> Observed<T> unavailable() {
    return Failures.of(failure);
  }
}

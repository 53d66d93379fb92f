package io.trailaudit.collect;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Refuses, before anything is sent, every operation that is not in {@link ReadOperations}: the tool
 * cannot change an account even when its credentials could.
 */
public final class ReadOnlyGuard implements ExecutionInterceptor {
  private final String service;
  private final ReadOperations allowed;

  /**
   * @param service the IAM prefix of the client's service, as in {@code read-operations.json}
   */
  public ReadOnlyGuard(String service, ReadOperations allowed) {
    this.service = service;
    this.allowed = allowed;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    if (!allowed.allows(service, operation)) {
      throw new RefusedOperationException(service, operation, allowed.purpose());
    }
  }

  /** A call the guard refused; never sent. */
  public static final class RefusedOperationException extends SdkClientException {
    private final String service;
    private final String operation;

    RefusedOperationException(String service, String operation, String purpose) {
      super(
          SdkClientException.builder()
              .message(
                  "trailaudit is "
                      + purpose
                      + ": "
                      + service
                      + ":"
                      + operation
                      + " is not an allowed "
                      + (purpose.equals("read-only") ? "read " : "")
                      + "operation"));
      this.service = service;
      this.operation = operation;
    }

    public String service() {
      return service;
    }

    public String operation() {
      return operation;
    }
  }
}

package io.trailaudit.selectors;

import java.util.Set;

/** Advanced event selector field names (AdvancedFieldSelector, CloudTrail API Reference). */
final class Fields {
  static final String EVENT_CATEGORY = "eventCategory";
  static final String EVENT_SOURCE = "eventSource";
  static final String EVENT_NAME = "eventName";
  static final String EVENT_TYPE = "eventType";
  static final String READ_ONLY = "readOnly";
  static final String RESOURCES_TYPE = "resources.type";
  static final String RESOURCES_ARN = "resources.ARN";
  static final String ERROR_CODE = "errorCode";
  static final String VPC_ENDPOINT_ID = "vpcEndpointId";
  static final String USER_IDENTITY_ARN = "userIdentity.arn";
  static final String SESSION_CREDENTIAL_FROM_CONSOLE = "sessionCredentialFromConsole";

  static final Set<String> KNOWN =
      Set.of(
          EVENT_CATEGORY,
          EVENT_SOURCE,
          EVENT_NAME,
          EVENT_TYPE,
          READ_ONLY,
          RESOURCES_TYPE,
          RESOURCES_ARN,
          ERROR_CODE,
          VPC_ENDPOINT_ID,
          USER_IDENTITY_ARN,
          SESSION_CREDENTIAL_FROM_CONSOLE);

  static final String MANAGEMENT = "Management";
  static final String DATA = "Data";
  static final String NETWORK_ACTIVITY = "NetworkActivity";
  static final String VPCE_ACCESS_DENIED = "VpceAccessDenied";

  private Fields() {}
}

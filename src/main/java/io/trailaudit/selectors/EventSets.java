package io.trailaudit.selectors;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The event sets the evaluator's questions are about. */
final class EventSets {
  private static final Set<String> MANAGEMENT_PRESENT =
      Set.of(Fields.EVENT_SOURCE, Fields.EVENT_NAME, Fields.EVENT_TYPE);
  private static final Set<String> DATA_PRESENT =
      Set.of(
          Fields.EVENT_SOURCE,
          Fields.EVENT_NAME,
          Fields.EVENT_TYPE,
          Fields.RESOURCES_TYPE,
          Fields.RESOURCES_ARN);
  private static final Set<String> NETWORK_PRESENT =
      Set.of(Fields.EVENT_SOURCE, Fields.EVENT_NAME, Fields.VPC_ENDPOINT_ID);

  private EventSets() {}

  static EventSet management(ReadWrite rw) {
    return new EventSet(
        Map.of(
            Fields.EVENT_CATEGORY, new Constraint.Exact(Fields.MANAGEMENT),
            Fields.READ_ONLY, new Constraint.Exact(rw.readOnlyValue())),
        MANAGEMENT_PRESENT);
  }

  /** Data events of one resource type and direction; {@code arns} null means any ARN. */
  static EventSet data(String resourceType, ReadWrite rw, Constraint arns) {
    Map<String, Constraint> fields = new HashMap<>();
    fields.put(Fields.EVENT_CATEGORY, new Constraint.Exact(Fields.DATA));
    fields.put(Fields.RESOURCES_TYPE, new Constraint.Exact(resourceType));
    fields.put(Fields.READ_ONLY, new Constraint.Exact(rw.readOnlyValue()));
    if (arns != null) {
      fields.put(Fields.RESOURCES_ARN, arns);
    }
    return new EventSet(fields, DATA_PRESENT);
  }

  /** Data events of one direction, of any resource type. */
  static EventSet anyData(ReadWrite rw) {
    return new EventSet(
        Map.of(
            Fields.EVENT_CATEGORY, new Constraint.Exact(Fields.DATA),
            Fields.READ_ONLY, new Constraint.Exact(rw.readOnlyValue())),
        DATA_PRESENT);
  }

  static EventSet network(String eventSource) {
    return new EventSet(
        Map.of(
            Fields.EVENT_CATEGORY, new Constraint.Exact(Fields.NETWORK_ACTIVITY),
            Fields.EVENT_SOURCE, new Constraint.Exact(eventSource)),
        NETWORK_PRESENT);
  }
}

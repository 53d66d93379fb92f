package io.trailaudit.model;

import java.util.List;

/**
 * How a snapshot was made.
 *
 * @param tool the collecting tool, {@code trailaudit} or the name of whatever wrote the file
 * @param toolVersion its version
 * @param method {@code live} for a collection through the AWS APIs, {@code fixture} for a file
 *     written by hand or by a generator
 * @param callerArn the identity that collected (sts:GetCallerIdentity), null if unknown
 * @param homeRegion the region used for global calls
 * @param regions the regions that were requested
 */
public record CollectionInfo(
    String tool,
    String toolVersion,
    String method,
    String callerArn,
    String homeRegion,
    List<String> regions) {

  public CollectionInfo {
    regions = regions == null ? List.of() : List.copyOf(regions);
  }
}

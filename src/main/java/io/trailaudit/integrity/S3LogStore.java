package io.trailaudit.integrity;

import io.trailaudit.collect.Reads;
import java.io.IOException;
import java.util.List;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@link ObjectStore} over S3: {@code ListObjectsV2} and {@code GetObject}. */
public final class S3LogStore implements ObjectStore {
  private final S3Client s3;

  public S3LogStore(S3Client s3) {
    this.s3 = s3;
  }

  @Override
  public Page list(String bucket, String prefix, String startAfter, String continuationToken)
      throws IOException {
    ListObjectsV2Response r;
    try {
      r =
          s3.listObjectsV2(
              b ->
                  b.bucket(bucket)
                      .prefix(prefix)
                      .startAfter(continuationToken == null ? startAfter : null)
                      .continuationToken(continuationToken));
    } catch (SdkException e) {
      throw failure("ListObjectsV2", e);
    }
    List<String> keys = r.contents().stream().map(S3Object::key).toList();
    boolean more = Boolean.TRUE.equals(r.isTruncated()) && r.nextContinuationToken() != null;
    return new Page(keys, more ? r.nextContinuationToken() : null);
  }

  @Override
  public StoredObject open(String bucket, String key) throws IOException {
    try {
      ResponseInputStream<GetObjectResponse> body = s3.getObject(b -> b.bucket(bucket).key(key));
      return new StoredObject(body, body.response().metadata());
    } catch (SdkException e) {
      throw failure("GetObject", e);
    }
  }

  private static ReadFailure failure(String operation, SdkException e) {
    var u = Reads.unavailable("s3", operation, e).failure();
    return new ReadFailure(u.service(), u.operation(), u.errorCode(), u.message());
  }
}

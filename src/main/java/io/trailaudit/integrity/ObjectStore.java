package io.trailaudit.integrity;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/** The part of S3 that validation reads: ordered listing and streamed objects with metadata. */
public interface ObjectStore {

  /**
   * One page of the keys under {@code prefix}, in ascending (UTF-8 binary) order.
   *
   * @param startAfter list keys after this one (exclusive), or null
   * @param continuationToken the previous page's {@link Page#nextToken()}, or null for the first
   * @throws ReadFailure when the listing fails
   */
  Page list(String bucket, String prefix, String startAfter, String continuationToken)
      throws IOException;

  /**
   * Opens an object for streaming. The caller closes it.
   *
   * @throws ReadFailure with {@link ReadFailure#isNoSuchKey()} when the object does not exist
   */
  StoredObject open(String bucket, String key) throws IOException;

  /**
   * @param nextToken the token for the next page, or null when this page is the last
   */
  record Page(List<String> keys, String nextToken) {
    public Page {
      keys = List.copyOf(keys);
    }
  }

  /**
   * An object being read.
   *
   * @param metadata user metadata without the {@code x-amz-meta-} prefix, lower case keys
   */
  record StoredObject(InputStream body, Map<String, String> metadata) implements Closeable {
    public StoredObject {
      metadata = Map.copyOf(metadata);
    }

    @Override
    public void close() throws IOException {
      body.close();
    }
  }
}

package io.trailaudit.collect;

import io.trailaudit.model.GlueTable;
import io.trailaudit.model.Observed;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.Table;

/** The Glue Data Catalog of one region, searched for tables over trail buckets. */
public final class GlueReader {
  private final GlueClient glue;

  public GlueReader(GlueClient glue) {
    this.glue = glue;
  }

  /**
   * The tables, in every database of the catalog, whose {@code StorageDescriptor.Location} is in
   * one of {@code bucketNames} ({@code s3://bucket/...}). Unavailable as a whole if any call fails:
   * a table could hide in the database that was not read. No database, or no bucket to look for, is
   * a known empty list.
   */
  public Observed<List<GlueTable>> tablesOver(Set<String> bucketNames) {
    if (bucketNames.isEmpty()) {
      return Observed.known(List.of());
    }
    Observed<List<String>> databases =
        Reads.read(
            "glue",
            "GetDatabases",
            () ->
                glue.getDatabasesPaginator(r -> {}).stream()
                    .flatMap(page -> page.databaseList().stream())
                    .map(Database::name)
                    .toList());
    if (!databases.isKnown()) {
      return Failures.of(databases);
    }
    List<GlueTable> result = new ArrayList<>();
    for (String database : databases.value()) {
      Observed<List<GlueTable>> tables =
          Reads.read(
              "glue",
              "GetTables",
              () ->
                  glue.getTablesPaginator(r -> r.databaseName(database)).stream()
                      .flatMap(page -> page.tableList().stream())
                      .filter(t -> isOver(t, bucketNames))
                      .map(t -> new GlueTable(database, t.name(), location(t), t.tableType()))
                      .toList());
      if (!tables.isKnown()) {
        return tables;
      }
      result.addAll(tables.value());
    }
    return Observed.known(List.copyOf(result));
  }

  private static boolean isOver(Table t, Set<String> bucketNames) {
    String bucket = bucket(location(t));
    return bucket != null && bucketNames.contains(bucket);
  }

  private static String location(Table t) {
    return t.storageDescriptor() == null ? null : t.storageDescriptor().location();
  }

  /** The bucket of {@code s3://bucket/key...}, or null for any other location. */
  static String bucket(String location) {
    if (location == null || !location.regionMatches(true, 0, "s3://", 0, 5)) {
      return null;
    }
    String rest = location.substring(5);
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }
}

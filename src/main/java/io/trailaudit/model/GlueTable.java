package io.trailaudit.model;

/** A Glue Data Catalog table, e.g. the Athena table over a trail's logs. */
public record GlueTable(String databaseName, String name, String location, String tableType) {}

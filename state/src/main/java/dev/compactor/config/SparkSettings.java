package dev.compactor.config;

import java.io.Serializable;

/**
 * How the embedded or cluster Spark runs.
 *
 * @param master Spark master, e.g. {@code local[2]}; empty to take spark-submit's
 * @param localDir scratch space for output files before upload, or empty for java.io.tmpdir
 */
public record SparkSettings(String master, String localDir) implements Serializable {}

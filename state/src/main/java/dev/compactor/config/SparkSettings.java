package dev.compactor.config;

import java.io.Serializable;

/**
 * How the embedded or cluster Spark runs.
 *
 * @param master Spark master, e.g. {@code local[2]}; empty to take spark-submit's
 * @param localDir scratch space for output and spill files, or empty for java.io.tmpdir
 * @param taskMemoryMb heap a task may fill with decoded records before it spills to local disk; 0
 *     for half the executor heap shared by its cores
 */
public record SparkSettings(String master, String localDir, int taskMemoryMb)
    implements Serializable {}

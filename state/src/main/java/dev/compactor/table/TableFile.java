package dev.compactor.table;

import dev.compactor.domain.PartitionId;

/**
 * One Parquet data file of an event type's Iceberg table: as a manifest entry names it (what the
 * table should hold) or as the table's current snapshot lists it (what it holds).
 *
 * @param partition the partition whose rows it holds
 * @param uri its location, as the table records it
 * @param size its length in bytes
 * @param rows its record count
 */
public record TableFile(PartitionId partition, String uri, long size, long rows) {}

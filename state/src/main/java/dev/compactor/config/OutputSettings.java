package dev.compactor.config;

import java.io.Serializable;

/**
 * How outputs are encoded. Part of the settings fingerprint: changing any of these rebuilds the
 * window.
 *
 * @param avroCodec the merged Avro's codec
 * @param parquetCodec the Parquet copy's codec
 * @param parquetRowGroupBytes target Parquet row-group size
 */
public record OutputSettings(
    AvroCodec avroCodec, ParquetCodec parquetCodec, long parquetRowGroupBytes)
    implements Serializable {}

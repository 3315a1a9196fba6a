package dev.compactor.config;

import java.io.Serializable;

/**
 * How outputs are encoded. Part of the settings fingerprint: changing any of these rebuilds the window.
 *
 * @param avroCodec {@code null}, {@code deflate}, {@code snappy}, {@code zstandard}
 * @param parquetCodec {@code uncompressed}, {@code snappy}, {@code gzip}, {@code zstd}
 * @param parquetRowGroupBytes target Parquet row-group size
 */
public record OutputSettings(String avroCodec, String parquetCodec, long parquetRowGroupBytes)
    implements Serializable {}

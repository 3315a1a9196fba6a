package dev.compactor.domain;

import java.io.Serializable;

/**
 * One output object a rebuild wrote.
 *
 * @param format {@code avro} or {@code parquet}
 * @param key full key in the output store
 * @param size bytes
 * @param etag the ETag the store returned for the PUT
 * @param rows records in the object
 */
public record OutputFile(String format, String key, long size, String etag, long rows)
    implements Serializable {}

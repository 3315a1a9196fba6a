package dev.compactor.domain;

import java.io.Serializable;

/**
 * An input file's fingerprint: what identifies its content.
 *
 * @param key full key in the input store
 * @param size bytes
 * @param etag the store's ETag when listed: the cheap "did it change" signal
 * @param md5 hex MD5 of the content: the recorded identity (equal to the ETag for single-part S3
 *     uploads without SSE-KMS, otherwise computed once by streaming and kept in the manifest)
 */
public record InputFile(String key, long size, String etag, String md5) implements Serializable {}

package dev.compactor.domain;

import java.io.Serializable;

/**
 * An input file (or records in it) left out of the output, and why. The partition is rebuilt from
 * its other files; the file is retried when its MD5 changes.
 */
public record Quarantined(String key, String md5, String reason) implements Serializable {}

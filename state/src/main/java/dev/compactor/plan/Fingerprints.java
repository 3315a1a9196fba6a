package dev.compactor.plan;

import dev.compactor.config.EventTypeConfig;
import dev.compactor.config.ParquetTable;
import dev.compactor.domain.InputFile;
import dev.compactor.domain.PartitionId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/** Digests that decide whether a partition's outputs are still current. */
public final class Fingerprints {

  /**
   * Bump when the bytes written for the same input and settings change (e.g. a writer upgrade): the
   * next run rebuilds its window once. 2: the event ID and timestamp columns of the Parquet files
   * are written without a dictionary. 3: the Avro sync marker is {@link #avroSyncMarker}, no longer
   * seeded by the inputs.
   */
  public static final int OUTPUT_FORMAT_VERSION = 3;

  private Fingerprints() {}

  /**
   * A digest of everything besides the inputs that shapes the output bytes: reader schema, dedupe
   * key, winner rule, sort, null-ID policy, codecs and the output format version.
   */
  public static String settings(EventTypeConfig config) {
    String hive =
        String.join(
            "\n",
            "output-format=" + OUTPUT_FORMAT_VERSION,
            "schema=" + config.schema().toString(false),
            "event-id=" + config.eventId(),
            "winner=" + config.winner().keys(),
            "sort=" + config.sort().keys(),
            "null-id=" + config.nullId(),
            "bucket-digits=" + config.bucketDigits(),
            "output=" + config.output());
    // Only a table other than the default joins the digest, so switching to Iceberg rebuilds the
    // window into the table while Hive-style digests stay what they were. Iceberg's Parquet keeps
    // timestamps in microseconds (the spec's encoding), unlike the Hive-style files.
    return sha256(
        config.parquetTable() == ParquetTable.HIVE
            ? hive
            : hive + "\nparquet-table=" + config.parquetTable() + "\nparquet-timestamps=micros");
  }

  /** A digest over the partition's inputs in key order plus the settings fingerprint. */
  public static String partition(String settingsFingerprint, List<InputFile> inputs) {
    StringBuilder text = new StringBuilder(settingsFingerprint);
    inputs.stream()
        .sorted(Comparator.comparing(InputFile::key))
        .forEach(
            f ->
                text.append('\n')
                    .append(f.key())
                    .append('\t')
                    .append(f.size())
                    .append('\t')
                    .append(f.md5()));
    return sha256(text.toString());
  }

  /**
   * The 16-byte sync marker of a partition's Avro output. It depends on the settings and the
   * partition only, not on the inputs, so a rebuild that keeps every record (a replayed file)
   * writes the bytes already there and the file can be kept instead of uploaded again.
   */
  public static byte[] avroSyncMarker(String settingsFingerprint, PartitionId partition) {
    String digest = sha256("avro-sync-marker\n" + settingsFingerprint + "\n" + partition);
    return HexFormat.of().parseHex(digest, 0, 32);
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}

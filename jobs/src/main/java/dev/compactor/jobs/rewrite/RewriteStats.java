package dev.compactor.jobs.rewrite;

import java.io.Serializable;

/**
 * Counters of one partition rebuild, summed into the run report.
 *
 * @param filesRead input files read
 * @param bytesRead input bytes read
 * @param recordsIn records decoded from good files, copies included
 * @param recordsOut records written
 * @param duplicatesDropped copies that lost to the winner rule
 * @param bytesWritten output bytes uploaded (Avro plus Parquet; none for a Parquet file kept as it
 *     was)
 * @param filesQuarantined input files left out
 * @param recordsOutsideHour records kept whose event time is outside their partition's hour
 * @param millis wall time of the rebuild
 * @param filesEtagNotMd5 input files whose 32-hex ETag proved not to be their MD5 (SSE-KMS, SSE-C):
 *     their true MD5s were computed from the bytes read and recorded in the manifest
 */
public record RewriteStats(
    long filesRead,
    long bytesRead,
    long recordsIn,
    long recordsOut,
    long duplicatesDropped,
    long bytesWritten,
    long filesQuarantined,
    long recordsOutsideHour,
    long millis,
    long filesEtagNotMd5)
    implements Serializable {

  public static final RewriteStats ZERO = new RewriteStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  public RewriteStats plus(RewriteStats o) {
    return new RewriteStats(
        filesRead + o.filesRead,
        bytesRead + o.bytesRead,
        recordsIn + o.recordsIn,
        recordsOut + o.recordsOut,
        duplicatesDropped + o.duplicatesDropped,
        bytesWritten + o.bytesWritten,
        filesQuarantined + o.filesQuarantined,
        recordsOutsideHour + o.recordsOutsideHour,
        millis + o.millis,
        filesEtagNotMd5 + o.filesEtagNotMd5);
  }
}

package dev.compactor.ddl;

import dev.compactor.store.StoreUri;

/**
 * Where a table's files are, written the way Athena reads locations. The job addresses S3 as {@code
 * s3a://} (the Hadoop connector's scheme), but Athena accepts only {@code s3://}, so the scheme is
 * rewritten. A {@code file://} root stays as it is: Athena cannot read it, and the DDL says so.
 *
 * @param uri the folder, ending with {@code /}
 * @param onS3 whether Athena can read it
 */
public record AthenaLocation(String uri, boolean onS3) {

  /** The folder {@code relative} (e.g. {@code parquet/clicks}) under {@code root}. */
  public static AthenaLocation of(StoreUri root, String relative) {
    StoreUri folder = root.resolve(relative);
    if (folder.isLocal()) {
      return new AthenaLocation(folder + "/", false);
    }
    return new AthenaLocation("s3://" + folder.bucket() + "/" + folder.prefix() + "/", true);
  }

  /** The location of the partition named by the projected {@code dt} and {@code hr} values. */
  public String partitionTemplate() {
    return uri + "dt=${dt}/hr=${hr}/";
  }
}

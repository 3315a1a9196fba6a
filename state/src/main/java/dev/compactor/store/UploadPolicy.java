package dev.compactor.store;

/**
 * When a file goes to S3 in parts, and how big the parts are.
 *
 * <p>The part size is fixed, never derived from the file size or the machine, because a multipart
 * ETag is the MD5 of the parts' MD5s: identical bytes uploaded with identical parts get identical
 * ETags, which keeps re-runs recognisable.
 *
 * @param multipartThreshold files larger than this go up in parts; smaller ones in one PUT
 * @param partSize bytes per part (the last part may be shorter); S3 requires at least 5 MiB
 */
record UploadPolicy(long multipartThreshold, long partSize) {

  static final long MIB = 1024L * 1024L;

  /** Up to 64 MiB in one PUT; 32 MiB parts allow objects up to 312 GiB (10,000 parts). */
  static final UploadPolicy DEFAULT = new UploadPolicy(64 * MIB, 32 * MIB);

  UploadPolicy {
    if (partSize < 5 * MIB) {
      throw new IllegalArgumentException(
          "part size " + partSize + " is below the S3 minimum of 5 MiB");
    }
    if (multipartThreshold < partSize) {
      throw new IllegalArgumentException(
          "multipart threshold " + multipartThreshold + " is below the part size " + partSize);
    }
  }
}

package dev.compactor.jobs.bench;

import java.util.Locale;

/**
 * Where the benchmark's data lives: the local S3 API server behind the counting proxy, or {@code
 * file://} roots on local disk, where the request overhead of S3 is out of the picture and the
 * distance to the floor is the job's own.
 */
enum BenchStore {
  S3,
  FILE;

  static BenchStore of(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "s3" -> S3;
      case "file" -> FILE;
      default -> throw new IllegalArgumentException("unknown store '" + name + "': s3 or file");
    };
  }

  @Override
  public String toString() {
    return this == S3 ? "s3 (local S3 API server)" : "file:// (local disk)";
  }
}

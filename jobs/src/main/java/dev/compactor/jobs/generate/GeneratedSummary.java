package dev.compactor.jobs.generate;

/**
 * What a generation wrote, for the progress line and the command's output. Tests do not trust these
 * numbers; they read the files back.
 *
 * @param files objects written
 * @param records records in them, copies included
 * @param distinctEvents distinct event IDs
 * @param bytes bytes written
 */
public record GeneratedSummary(long files, long records, long distinctEvents, long bytes) {

  public static final GeneratedSummary EMPTY = new GeneratedSummary(0, 0, 0, 0);

  public GeneratedSummary plus(GeneratedSummary other) {
    return new GeneratedSummary(
        files + other.files,
        records + other.records,
        distinctEvents + other.distinctEvents,
        bytes + other.bytes);
  }

  /** For example {@code "12,000 events (12,610 records), 192 files, 1.1 MB"}. */
  @Override
  public String toString() {
    return String.format(
        "%,d events (%,d records), %,d files, %.1f MB",
        distinctEvents, records, files, bytes / 1e6);
  }
}

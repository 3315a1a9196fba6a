package dev.compactor.jobs.run;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress lines for long work: partitions done of total, MB/s and an ETA from the bytes still to
 * read. Prints at most every few seconds (and at the end) so an hourly log stays short.
 */
public final class Progress {

  private static final long PRINT_EVERY_NANOS = 5_000_000_000L;

  private final PrintStream out;
  private final String label;
  private final int total;
  private final long totalBytes;
  private final long started = System.nanoTime();
  private int done;
  private long bytesDone;
  private long lastPrinted = started;
  private boolean printedLast;

  public Progress(PrintStream out, String label, int total, long totalBytes) {
    this.out = out;
    this.label = label;
    this.total = total;
    this.totalBytes = totalBytes;
  }

  /** One more partition is done (a task-end event, which Spark delivers asynchronously). */
  public synchronized void partitionDone(long bytes) {
    done++;
    bytesDone += bytes;
    printIfDue();
  }

  /**
   * At least {@code partitions} partitions of {@code bytes} input are done, as the caller counted
   * them once their job returned: task-end events still in Spark's listener queue then are never
   * delivered, and the last line must not depend on them.
   */
  public synchronized void reached(int partitions, long bytes) {
    if (partitions > done) {
      done = partitions;
      bytesDone = Math.max(bytesDone, bytes);
      printIfDue();
    }
  }

  private void printIfDue() {
    long now = System.nanoTime();
    boolean last = done >= total;
    if ((last && !printedLast) || (!last && now - lastPrinted >= PRINT_EVERY_NANOS)) {
      lastPrinted = now;
      printedLast = last;
      out.println(line(now));
    }
  }

  synchronized String line(long now) {
    double seconds = Math.max(1e-3, (now - started) / 1e9);
    double mbPerSec = bytesDone / 1e6 / seconds;
    String eta =
        bytesDone == 0 || done == total
            ? "-"
            : formatSeconds((long) ((totalBytes - bytesDone) / (bytesDone / seconds)));
    return String.format(
        Locale.ROOT,
        "%s: %d/%d partitions, %.1f/%.1f MB read, %.1f MB/s, elapsed %s, ETA %s",
        label,
        done,
        total,
        bytesDone / 1e6,
        totalBytes / 1e6,
        mbPerSec,
        formatSeconds((long) seconds),
        eta);
  }

  static String formatSeconds(long s) {
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}

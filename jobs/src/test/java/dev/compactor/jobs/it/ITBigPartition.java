package dev.compactor.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.domain.Window;
import dev.compactor.jobs.generate.GeneratedSummary;
import dev.compactor.jobs.it.CompactorHarness.Backend;
import dev.compactor.manifest.HourManifest;
import dev.compactor.manifest.ManifestCodec;
import dev.compactor.manifest.PartitionEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partitions several times larger than a task's memory complete by spilling, in a separate JVM with
 * a small heap, and dedupe correctly.
 */
class ITBigPartition {

  /**
   * Spark refuses to start below about 450 MB; 512 MB gives each of the two tasks a 128 MB budget.
   */
  private static final String HEAP = "512m";

  private static final int EVENTS = 1_200_000;

  @TempDir Path dir;

  @Test
  void partitionsLargerThanTheHeapCompleteWithoutRunningOutOfMemory() throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir)) {
      h.set("event-type.clicks.buckets", "1"); // one partition holds the whole hour
      Window oneHour = Window.ending(CompactorHarness.LAST_HOUR, 1);
      GeneratedSummary generated = h.generate(oneHour, EVENTS, 51);

      Process cli =
          h.startCliWithHeap(
              HEAP, "run", "--at", CompactorHarness.LAST_HOUR.toString(), "--window-hours", "1");
      boolean finished = cli.waitFor(5, TimeUnit.MINUTES);

      assertThat(finished).as("finished within 5 minutes").isTrue();
      assertThat(cli.exitValue()).as("exit code; log: %s", log(dir)).isZero();
      HourManifest manifest =
          ManifestCodec.decode(
              h.storage()
                  .state()
                  .store()
                  .readAll(
                      h.storage()
                          .state()
                          .key(h.outputLayout().manifestKey(CompactorHarness.LAST_HOUR))),
              "manifest");
      long recordsIn = manifest.partitions().stream().mapToLong(PartitionEntry::recordsIn).sum();
      long recordsOut = manifest.partitions().stream().mapToLong(PartitionEntry::recordsOut).sum();
      // Decoded generic records take about 400 bytes of heap each: the one partition holds several
      // times the 128 MB a task may fill, and about the whole heap.
      assertThat(manifest.partitions()).hasSize(1);
      assertThat(recordsIn * 400L).isGreaterThan(3L * 128 * 1024 * 1024);
      assertThat(recordsIn).isEqualTo(generated.records());
      assertThat(recordsOut).isEqualTo(generated.distinctEvents());
      assertThat(h.verify(oneHour).problems()).isEmpty();
    }
  }

  private static String log(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith("cli-"))
          .map(
              p -> {
                try {
                  String text = Files.readString(p);
                  return text.substring(Math.max(0, text.length() - 3000));
                } catch (IOException e) {
                  return e.toString();
                }
              })
          .findFirst()
          .orElse("(none)");
    }
  }
}

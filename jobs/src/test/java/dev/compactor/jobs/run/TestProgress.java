package dev.compactor.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TestProgress {

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final Progress progress =
      new Progress(
          new PrintStream(printed, true, StandardCharsets.UTF_8), "compact clicks", 3, 300);

  @Test
  void theLastLineIsPrintedWhenTheJobReturnsBeforeItsTaskEventsArrive() {
    progress.partitionDone(100);

    progress.reached(3, 300);

    assertThat(lines()).hasSize(1);
    assertThat(lines()[0]).startsWith("compact clicks: 3/3 partitions, 0.0/0.0 MB read");
  }

  @Test
  void theLastLineIsPrintedOnceWhicheverCountsFirst() {
    progress.partitionDone(100);
    progress.partitionDone(100);
    progress.partitionDone(100);
    progress.reached(3, 300);

    assertThat(lines()).hasSize(1);
    assertThat(lines()[0]).startsWith("compact clicks: 3/3 partitions");
  }

  private String[] lines() {
    return printed.toString(StandardCharsets.UTF_8).lines().toArray(String[]::new);
  }
}

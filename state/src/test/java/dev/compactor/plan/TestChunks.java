package dev.compactor.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compactor.domain.Chunks;
import dev.compactor.domain.Hour;
import dev.compactor.domain.Window;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestChunks {

  @Test
  void threeDaysInDailyChunks() {
    List<Window> chunks =
        Chunks.split(new Window(Hour.parse("2026-11-01T00"), Hour.parse("2026-11-03T23")), 24);

    assertThat(chunks)
        .extracting(Window::toString)
        .containsExactly(
            "2026-11-01T00..2026-11-01T23",
            "2026-11-02T00..2026-11-02T23",
            "2026-11-03T00..2026-11-03T23");
  }

  @Test
  void lastChunkIsShorter() {
    List<Window> chunks =
        Chunks.split(new Window(Hour.parse("2026-11-01T00"), Hour.parse("2026-11-01T09")), 4);

    assertThat(chunks).extracting(Window::size).containsExactly(4, 4, 2);
  }

  @Test
  void oneHourRange() {
    Hour h = Hour.parse("2026-11-01T05");

    assertThat(Chunks.split(new Window(h, h), 24)).containsExactly(new Window(h, h));
  }

  @Test
  void rejectsEmptyChunks() {
    Hour h = Hour.parse("2026-11-01T05");
    assertThatThrownBy(() -> Chunks.split(new Window(h, h), 0))
        .hasMessageContaining("at least one hour");
  }
}

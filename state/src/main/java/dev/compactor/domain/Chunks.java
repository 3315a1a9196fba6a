package dev.compactor.domain;

import java.util.ArrayList;
import java.util.List;

/** Splits a long range of hours into consecutive chunks, so one failure costs at most one chunk. */
public final class Chunks {

  private Chunks() {}

  /** Consecutive windows of {@code chunkHours} covering {@code range}; the last may be shorter. */
  public static List<Window> split(Window range, int chunkHours) {
    if (chunkHours < 1) {
      throw new IllegalArgumentException("chunks need at least one hour, not " + chunkHours);
    }
    List<Window> chunks = new ArrayList<>();
    for (Hour start = range.first();
        start.compareTo(range.last()) <= 0;
        start = start.plusHours(chunkHours)) {
      Hour end = start.plusHours(chunkHours - 1L);
      chunks.add(new Window(start, end.compareTo(range.last()) < 0 ? end : range.last()));
    }
    return chunks;
  }
}

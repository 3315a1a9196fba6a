package dev.compactor.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The hours a run covers, oldest first: {@code [first, last]} inclusive. An hourly run's window is
 * the last N hours ending at the run's hour; a backfill's is the range it was given.
 */
public record Window(Hour first, Hour last) {

  public Window {
    if (last.compareTo(first) < 0) {
      throw new IllegalArgumentException(
          "window ends (" + last + ") before it starts (" + first + ")");
    }
  }

  /** The {@code hours} hours ending with {@code last}. */
  public static Window ending(Hour last, int hours) {
    if (hours < 1) {
      throw new IllegalArgumentException("a window needs at least one hour, not " + hours);
    }
    return new Window(last.minusHours(hours - 1L), last);
  }

  public List<Hour> hours() {
    List<Hour> hours = new ArrayList<>();
    for (Hour h = first; h.compareTo(last) <= 0; h = h.plusHours(1)) {
      hours.add(h);
    }
    return hours;
  }

  public boolean contains(Hour hour) {
    return hour.compareTo(first) >= 0 && hour.compareTo(last) <= 0;
  }

  public int size() {
    return (int) Duration.between(first.start(), last.start()).toHours() + 1;
  }

  @Override
  public String toString() {
    return first + ".." + last;
  }
}

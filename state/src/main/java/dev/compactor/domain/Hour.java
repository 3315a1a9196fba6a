package dev.compactor.domain;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** One UTC hour, written {@code 2026-11-23T17}. Hours order chronologically. */
public record Hour(LocalDateTime start) implements Comparable<Hour>, Serializable {

  private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH");

  public Hour {
    start = start.truncatedTo(ChronoUnit.HOURS);
  }

  public static Hour of(LocalDate date, int hourOfDay) {
    return new Hour(date.atTime(hourOfDay, 0));
  }

  /** The hour that contains {@code instant}'s UTC time. */
  public static Hour containing(Instant instant) {
    return new Hour(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
  }

  /**
   * Parses {@code 2026-11-23T17} (also accepts {@code 2026-11-23T17:00} and {@code
   * 2026-11-23T17:00:00}).
   */
  public static Hour parse(String text) {
    String t = text.trim();
    try {
      return new Hour(LocalDateTime.parse(t.length() == 13 ? t + ":00" : t));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not an hour like 2026-11-23T17", e);
    }
  }

  public LocalDate date() {
    return start.toLocalDate();
  }

  public int hourOfDay() {
    return start.getHour();
  }

  public Hour plusHours(long hours) {
    return new Hour(start.plusHours(hours));
  }

  public Hour minusHours(long hours) {
    return new Hour(start.minusHours(hours));
  }

  public Instant startInstant() {
    return start.toInstant(ZoneOffset.UTC);
  }

  @Override
  public int compareTo(Hour other) {
    return start.compareTo(other.start);
  }

  @Override
  public String toString() {
    return start.format(TEXT);
  }
}

package dev.compactor.jobs.cli;

import dev.compactor.domain.Hour;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The typed values options take. A bad value fails parsing with picocli's "Invalid value for
 * option" naming the option, followed by the message here, and exits 2.
 */
final class OptionTypes {

  private OptionTypes() {}

  /** The hour that holds now: the default end of the hourly window. */
  static Hour thisHour() {
    return Hour.containing(Instant.now());
  }

  /** An hour such as {@code 2026-11-23T17}. */
  static final class HourValue implements ITypeConverter<Hour> {
    @Override
    public Hour convert(String text) {
      try {
        return Hour.parse(text);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** A whole number of at least 1. */
  static final class PositiveInt implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String text) {
      try {
        int value = Integer.parseInt(text.trim());
        if (value < 1) {
          throw new TypeConversionException("expected a positive number, got " + text);
        }
        return value;
      } catch (NumberFormatException e) {
        throw new TypeConversionException("expected a number, got '" + text + "'");
      }
    }
  }

  /** A byte count such as {@code 500000000}, {@code 500MB} or {@code 10GB} (powers of 1000). */
  static final class ByteSize implements ITypeConverter<Long> {
    private static final String[] SUFFIXES = {"TB", "GB", "MB", "KB", "B"};

    @Override
    public Long convert(String text) {
      String t = text.trim().toUpperCase(Locale.ROOT);
      long unit = 1;
      for (int i = 0; i < SUFFIXES.length; i++) {
        if (t.endsWith(SUFFIXES[i])) {
          unit = (long) Math.pow(1000, SUFFIXES.length - 1 - i);
          t = t.substring(0, t.length() - SUFFIXES[i].length()).trim();
          break;
        }
      }
      double value;
      try {
        value = Double.parseDouble(t);
      } catch (NumberFormatException e) {
        throw new TypeConversionException("expected a size like 500MB or 10GB, got '" + text + "'");
      }
      if (value < 0) {
        throw new TypeConversionException("must not be negative, got " + text);
      }
      return (long) (value * unit);
    }
  }

  /** A fraction between 0 and 1, such as {@code 0.05}. */
  static final class Fraction implements ITypeConverter<Double> {
    @Override
    public Double convert(String text) {
      double value;
      try {
        value = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw new TypeConversionException("expected a number like 0.05, got '" + text + "'");
      }
      if (value < 0 || value > 1) {
        throw new TypeConversionException("must be between 0 and 1, got " + text);
      }
      return value;
    }
  }

  /** A date such as {@code 2026-11-01}. */
  static final class Day implements ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(String text) {
      try {
        return LocalDate.parse(text);
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("expected a date like 2026-11-01, got '" + text + "'");
      }
    }
  }
}

package dev.compactor.jobs.run;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Run IDs: the UTC start time then a random suffix, e.g. {@code 20261123T170502Z-3fa9c1}, so the
 * key order of run reports is their time order and two runs started in the same second differ.
 */
public final class RunIds {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private static final SecureRandom RANDOM = new SecureRandom();

  private RunIds() {}

  public static String mint(Instant started) {
    return TIME.format(started) + "-" + randomSuffix();
  }

  /** Six random hex digits. */
  public static String randomSuffix() {
    byte[] random = new byte[3];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}

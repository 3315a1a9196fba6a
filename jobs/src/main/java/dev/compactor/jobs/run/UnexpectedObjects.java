package dev.compactor.jobs.run;

import dev.compactor.store.Storage;
import java.util.List;

/**
 * Objects under an input hour prefix that are neither input nor ignored. They are never skipped in
 * silence: every command that sees one names it with this fix, and a run that sees one exits 4.
 */
public final class UnexpectedObjects {

  private UnexpectedObjects() {}

  /** What the operator does about them. */
  public static String fix(String eventType) {
    return "not an input file (it is not directly inside a bucket folder of the input template) and"
        + " not matched by event-type."
        + eventType
        + ".ignore-pattern; move it into its bucket folder or out "
        + "of the input prefix, or widen ignore-pattern if it is not data";
  }

  /** One line per object: its URI and the fix. */
  public static List<String> lines(List<String> keys, Storage storage, String eventType) {
    return keys.stream().map(k -> storage.input().store().uri(k) + ": " + fix(eventType)).toList();
  }
}

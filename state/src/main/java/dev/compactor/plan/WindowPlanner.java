package dev.compactor.plan;

import dev.compactor.domain.Hour;
import dev.compactor.domain.InputFile;
import dev.compactor.domain.OutputFile;
import dev.compactor.domain.PartitionId;
import dev.compactor.domain.Reason;
import dev.compactor.domain.Window;
import dev.compactor.manifest.HourManifest;
import dev.compactor.manifest.PartitionEntry;
import dev.compactor.store.ObjectInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides which partitions of a window to rebuild, and why. A pure function of the listing, the
 * manifests and the settings: no I/O, no clock, no state.
 */
public final class WindowPlanner {

  private WindowPlanner() {}

  /**
   * @param window the hours to plan
   * @param listing the inputs and outputs that exist now
   * @param manifests the window's manifests by hour (hours never built are absent)
   * @param settingsFingerprint {@link Fingerprints#settings} of the current configuration
   * @param force rebuild every partition that has inputs, changed or not (backfill --force)
   */
  public static Plan plan(
      Window window,
      Listing listing,
      Map<Hour, HourManifest> manifests,
      String settingsFingerprint,
      boolean force) {
    Set<PartitionId> partitions = new TreeSet<>();
    listing.inputs().keySet().stream().filter(p -> window.contains(p.hour())).forEach(partitions::add);
    manifests.values().stream()
        .filter(m -> window.contains(m.hour()))
        .forEach(m -> m.partitions().forEach(e -> partitions.add(new PartitionId(m.hour(), e.bucket()))));

    List<PartitionWork> work = new ArrayList<>();
    for (PartitionId id : partitions) {
      List<InputFile> inputs = listing.inputs().getOrDefault(id, List.of());
      Optional<PartitionEntry> previous =
          Optional.ofNullable(manifests.get(id.hour())).flatMap(m -> m.partition(id.bucket()));
      String fingerprint = Fingerprints.partition(settingsFingerprint, inputs);
      Decision d = decide(inputs, previous, listing.outputs(), settingsFingerprint, fingerprint, force);
      work.add(new PartitionWork(id, d.reason(), d.detail(), inputs, fingerprint, previous));
    }
    return new Plan(window, settingsFingerprint, work);
  }

  private record Decision(Reason reason, String detail) {}

  private static Decision decide(
      List<InputFile> inputs,
      Optional<PartitionEntry> previous,
      Map<String, ObjectInfo> outputs,
      String settingsFingerprint,
      String fingerprint,
      boolean force) {
    if (previous.isEmpty()) {
      return new Decision(Reason.NEW, inputs.size() + " file(s)");
    }
    PartitionEntry entry = previous.get();
    if (inputs.isEmpty()) {
      return new Decision(Reason.EMPTIED, "all " + entry.inputs().size() + " input file(s) are gone");
    }
    if (!entry.settingsFingerprint().equals(settingsFingerprint)) {
      return new Decision(Reason.SETTINGS, "reader schema, dedupe or output settings changed");
    }
    if (!entry.fingerprint().equals(fingerprint)) {
      return new Decision(Reason.CHANGED, describeChange(entry.inputs(), inputs));
    }
    Optional<String> missing = firstMissingOutput(entry.outputs(), outputs);
    if (missing.isPresent()) {
      return new Decision(Reason.OUTPUT_MISSING, missing.get());
    }
    if (force) {
      return new Decision(Reason.FORCED, "--force");
    }
    return new Decision(Reason.UNCHANGED, "");
  }

  private static Optional<String> firstMissingOutput(
      List<OutputFile> recorded, Map<String, ObjectInfo> outputs) {
    for (OutputFile out : recorded) {
      ObjectInfo now = outputs.get(out.key());
      if (now == null) {
        return Optional.of(out.key() + " is missing");
      }
      if (now.size() != out.size() || !now.etag().equals(out.etag())) {
        return Optional.of(out.key() + " was overwritten outside the compactor");
      }
    }
    return Optional.empty();
  }

  /** "+2 file(s), -1 file(s), 1 replaced" from the old and new input lists. */
  static String describeChange(List<InputFile> before, List<InputFile> after) {
    Map<String, InputFile> old = before.stream().collect(Collectors.toMap(InputFile::key, Function.identity()));
    Map<String, InputFile> now = after.stream().collect(Collectors.toMap(InputFile::key, Function.identity()));
    long added = now.keySet().stream().filter(k -> !old.containsKey(k)).count();
    long removed = old.keySet().stream().filter(k -> !now.containsKey(k)).count();
    long replaced =
        now.values().stream()
            .filter(f -> old.containsKey(f.key()))
            .filter(f -> !sameContent(old.get(f.key()), f))
            .count();
    List<String> parts = new ArrayList<>();
    if (added > 0) {
      parts.add("+" + added + " file(s)");
    }
    if (removed > 0) {
      parts.add("-" + removed + " file(s)");
    }
    if (replaced > 0) {
      parts.add(replaced + " replaced");
    }
    return parts.isEmpty() ? "inputs changed" : String.join(", ", parts);
  }

  private static boolean sameContent(InputFile a, InputFile b) {
    return a.size() == b.size() && a.md5().equals(b.md5());
  }
}

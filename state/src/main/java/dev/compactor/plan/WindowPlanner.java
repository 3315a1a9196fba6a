package dev.compactor.plan;

import dev.compactor.domain.Hour;
import dev.compactor.domain.InputFile;
import dev.compactor.domain.OutputFile;
import dev.compactor.domain.PartitionId;
import dev.compactor.domain.Reason;
import dev.compactor.domain.Window;
import dev.compactor.layout.Layout;
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
 * manifests and the rules: no I/O, no clock, no state.
 *
 * <p>Inside the window the inputs are the truth: a deleted delivery removes its rows. In settled
 * hours the outputs are the record: inputs that vanish (raw data expiring) never remove rows,
 * unless the rules say to delete vanished data.
 */
public final class WindowPlanner {

  private WindowPlanner() {}

  /**
   * @param window the hours to plan
   * @param listing the inputs and outputs that exist now
   * @param manifests the window's manifests by hour (hours never built are absent)
   * @param rules the settings to build with, which hours are settled, force and deletion
   */
  public static Plan plan(
      Window window, Listing listing, Map<Hour, HourManifest> manifests, PlanRules rules) {
    Set<PartitionId> partitions = new TreeSet<>();
    listing.inputs().keySet().stream()
        .filter(p -> window.contains(p.hour()))
        .forEach(partitions::add);
    listing.outputs().byPartition().keySet().stream()
        .filter(p -> window.contains(p.hour()))
        .forEach(partitions::add);
    manifests.values().stream()
        .filter(m -> window.contains(m.hour()))
        .forEach(
            m ->
                m.partitions().forEach(e -> partitions.add(new PartitionId(m.hour(), e.bucket()))));

    List<PartitionWork> work = new ArrayList<>();
    for (PartitionId id : partitions) {
      Optional<PartitionEntry> previous =
          Optional.ofNullable(manifests.get(id.hour())).flatMap(m -> m.partition(id.bucket()));
      work.add(new PartitionPlanner(id, listing, previous, rules).decide());
    }
    return new Plan(window, rules.settingsFingerprint(), work);
  }

  /** The decision for one partition. */
  private record PartitionPlanner(
      PartitionId id, Listing listing, Optional<PartitionEntry> previous, PlanRules rules) {

    PartitionWork decide() {
      List<InputFile> inputs = listing.inputs().getOrDefault(id, List.of());
      boolean keepOrphans = rules.settlement().keepsOrphans(id.hour());
      List<String> found = strays();
      // Strays a rebuild deletes; in a settled hour they are only ever deleted when asked for.
      List<String> strays = keepOrphans ? List.of() : found;
      if (previous.isEmpty()) {
        if (!inputs.isEmpty()) {
          return work(
              Reason.NEW, inputs.size() + " file(s)", inputs, PartitionWork.Carry.NONE, strays);
        }
        String detail =
            found.size() + " output object(s) that no manifest entry names, and no input";
        return keepOrphans
            ? work(
                Reason.ORPHAN_KEPT,
                detail + "; kept (settled hour)",
                inputs,
                PartitionWork.Carry.NONE,
                found)
            : work(Reason.ORPHANED, detail, inputs, PartitionWork.Carry.NONE, found);
      }
      PartitionEntry entry = previous.get();
      InputDiff diff = InputDiff.of(entry.inputs(), inputs);
      if (inputs.isEmpty()) {
        return rules.settlement().keepsExpired(id.hour())
            ? work(
                Reason.INPUT_EXPIRED,
                "all " + entry.inputs().size() + " input file(s) are gone; outputs kept",
                inputs,
                PartitionWork.Carry.NONE,
                strays)
            : work(
                Reason.EMPTIED,
                "all " + entry.inputs().size() + " input file(s) are gone",
                inputs,
                PartitionWork.Carry.NONE,
                strays);
      }
      // Partly expired: the rows of the vanished files are kept whatever the flags say; only a
      // partition whose inputs are all gone is deleted, and only when asked.
      boolean expired = rules.settlement().isSettled(id.hour()) && !diff.removed().isEmpty();
      Reason reason = rewriteReason(entry, diff, expired);
      String detail = detail(reason, entry, diff);
      if (reason == Reason.UNCHANGED && !found.isEmpty()) {
        String beside =
            found.size()
                + " output object(s) beside the recorded ones that no manifest entry names";
        return keepOrphans
            ? work(
                Reason.ORPHAN_KEPT,
                beside + "; kept (settled hour)",
                inputs,
                PartitionWork.Carry.NONE,
                found)
            : work(Reason.ORPHANED, beside, inputs, PartitionWork.Carry.NONE, found);
      }
      if (!expired) {
        return work(reason, detail, inputs, appendOnly(reason, entry, diff), strays);
      }
      String kept =
          diff.removed().size()
              + " of "
              + entry.inputs().size()
              + " input file(s) expired; outputs kept";
      Optional<OutputFile> avro = currentAvro(entry);
      if (reason == Reason.UNCHANGED || avro.isEmpty()) {
        // Nothing asks for a rebuild, or there is no Avro to carry the expired rows from: keep all.
        String why =
            avro.isEmpty() && reason != Reason.UNCHANGED
                ? " (" + detail + ", but the Avro output to " + "carry their rows from is missing)"
                : "";
        return work(Reason.INPUT_EXPIRED, kept + why, inputs, PartitionWork.Carry.NONE, strays);
      }
      // Counted as read (the carried rows once each), as before: expired files cannot be recounted.
      PartitionWork.Carry carry =
          new PartitionWork.Carry(avro, diff.removed(), diff.unchanged(), 0, Optional.empty());
      return work(
          reason,
          detail
              + "; "
              + diff.removed().size()
              + " expired input(s) carried over from "
              + avro.get().key(),
          inputs,
          carry,
          strays);
    }

    /**
     * The carry of a partition that only gained files since its build: its previous Avro output
     * (the one its manifest entry names, unchanged) stands in for the unchanged files. Anything
     * else (a removed or replaced file, other settings, a quarantined file, whose record only a
     * reread repeats, or {@code --force}) rereads every raw file.
     */
    private PartitionWork.Carry appendOnly(Reason reason, PartitionEntry entry, InputDiff diff) {
      boolean onlyGained =
          reason == Reason.CHANGED
              && !diff.added().isEmpty()
              && diff.removed().isEmpty()
              && diff.replaced().isEmpty();
      if (!onlyGained
          || rules.force()
          || !entry.quarantined().isEmpty()
          || !entry.settingsFingerprint().equals(rules.settingsFingerprint())) {
        return PartitionWork.Carry.NONE;
      }
      return currentAvro(entry)
          .map(
              avro ->
                  new PartitionWork.Carry(
                      Optional.of(avro),
                      List.of(),
                      diff.unchanged(),
                      entry.recordsIn() - entry.recordsOut(),
                      current(entry, Layout.PARQUET)))
          .orElse(PartitionWork.Carry.NONE);
    }

    private Reason rewriteReason(PartitionEntry entry, InputDiff diff, boolean expired) {
      boolean inputsChanged =
          !diff.added().isEmpty()
              || !diff.replaced().isEmpty()
              || (!expired && !diff.removed().isEmpty());
      if (inputsChanged) {
        return Reason.CHANGED;
      }
      if (!entry.settingsFingerprint().equals(rules.settingsFingerprint())) {
        return Reason.SETTINGS;
      }
      if (firstMissingOutput(entry.outputs()).isPresent()) {
        return Reason.OUTPUT_MISSING;
      }
      if (rules.force()) {
        return Reason.FORCED;
      }
      return Reason.UNCHANGED;
    }

    private String detail(Reason reason, PartitionEntry entry, InputDiff diff) {
      boolean settingsToo = !entry.settingsFingerprint().equals(rules.settingsFingerprint());
      return switch (reason) {
        case CHANGED -> diff.describe() + (settingsToo ? "; settings changed too" : "");
        case SETTINGS -> "reader schema, dedupe or output settings changed";
        case OUTPUT_MISSING -> firstMissingOutput(entry.outputs()).orElseThrow();
        case FORCED -> "--force";
        default -> "";
      };
    }

    private PartitionWork work(
        Reason reason,
        String detail,
        List<InputFile> inputs,
        PartitionWork.Carry carry,
        List<String> strays) {
      String fingerprint =
          Fingerprints.partition(
              rules.settingsFingerprint(), PartitionWork.recorded(inputs, carry));
      return new PartitionWork(id, reason, detail, inputs, fingerprint, previous, carry, strays);
    }

    /** Output objects of the partition that its manifest entry does not name. */
    private List<String> strays() {
      Set<String> recorded =
          previous
              .map(e -> e.outputs().stream().map(OutputFile::key).collect(Collectors.toSet()))
              .orElse(Set.of());
      return listing.outputs().of(id).stream().filter(k -> !recorded.contains(k)).toList();
    }

    private Optional<OutputFile> currentAvro(PartitionEntry entry) {
      return current(entry, Layout.AVRO);
    }

    /** The entry's output of {@code format}, when it is still the object the entry recorded. */
    private Optional<OutputFile> current(PartitionEntry entry, String format) {
      return entry.outputs().stream()
          .filter(o -> o.format().equals(format))
          .filter(o -> sameObject(o, listing.outputs().get(o.key())))
          .findFirst();
    }

    private Optional<String> firstMissingOutput(List<OutputFile> recorded) {
      for (OutputFile out : recorded) {
        ObjectInfo now = listing.outputs().get(out.key());
        if (now == null) {
          return Optional.of(out.key() + " is missing");
        }
        if (!sameObject(out, now)) {
          return Optional.of(out.key() + " was overwritten outside the compactor");
        }
      }
      return Optional.empty();
    }

    private static boolean sameObject(OutputFile recorded, ObjectInfo now) {
      return now != null && now.size() == recorded.size() && now.etag().equals(recorded.etag());
    }
  }

  /** How a partition's inputs differ from those its outputs were built from, by key and content. */
  record InputDiff(
      List<InputFile> added,
      List<InputFile> removed,
      List<InputFile> replaced,
      List<InputFile> unchanged) {

    static InputDiff of(List<InputFile> before, List<InputFile> after) {
      Map<String, InputFile> old =
          before.stream().collect(Collectors.toMap(InputFile::key, Function.identity()));
      Map<String, InputFile> now =
          after.stream().collect(Collectors.toMap(InputFile::key, Function.identity()));
      List<InputFile> added = after.stream().filter(f -> !old.containsKey(f.key())).toList();
      List<InputFile> removed = before.stream().filter(f -> !now.containsKey(f.key())).toList();
      List<InputFile> replaced =
          after.stream()
              .filter(f -> old.containsKey(f.key()) && !sameContent(old.get(f.key()), f))
              .toList();
      List<InputFile> unchanged =
          after.stream()
              .filter(f -> old.containsKey(f.key()) && sameContent(old.get(f.key()), f))
              .toList();
      return new InputDiff(added, removed, replaced, unchanged);
    }

    /** "+2 file(s), -1 file(s), 1 replaced". */
    String describe() {
      List<String> parts = new ArrayList<>();
      if (!added.isEmpty()) {
        parts.add("+" + added.size() + " file(s)");
      }
      if (!removed.isEmpty()) {
        parts.add("-" + removed.size() + " file(s)");
      }
      if (!replaced.isEmpty()) {
        parts.add(replaced.size() + " replaced");
      }
      return parts.isEmpty() ? "inputs changed" : String.join(", ", parts);
    }

    private static boolean sameContent(InputFile a, InputFile b) {
      return a.size() == b.size() && a.md5().equals(b.md5());
    }
  }

  /** "+2 file(s), -1 file(s), 1 replaced" from the old and new input lists. */
  static String describeChange(List<InputFile> before, List<InputFile> after) {
    return InputDiff.of(before, after).describe();
  }
}

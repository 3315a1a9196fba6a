package dev.compactor.jobs.run;

import dev.compactor.domain.Hour;
import dev.compactor.domain.OutputFile;
import dev.compactor.domain.PartitionId;
import dev.compactor.domain.Reason;
import dev.compactor.jobs.publish.OutputPublisher;
import dev.compactor.jobs.rewrite.PartitionResult;
import dev.compactor.layout.Layout;
import dev.compactor.manifest.HourManifest;
import dev.compactor.manifest.ManifestCodec;
import dev.compactor.manifest.PartitionEntry;
import dev.compactor.plan.PartitionWork;
import dev.compactor.plan.Plan;
import dev.compactor.scan.WindowScan;
import dev.compactor.store.PreconditionFailedException;
import dev.compactor.store.Storage;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Commits each touched hour after its outputs exist: deletes outputs of emptied partitions and
 * outputs the new build no longer names, then writes the hour's manifest as one PUT. A partition
 * whose rebuild failed keeps its previous entry, so the manifest never claims work that did not
 * happen; an hour whose rebuilds all failed gets no manifest write at all.
 *
 * <p>Fenced: before each hour the lease must still be provably held, and the manifest PUT is
 * conditional on the ETag it had when the run planned ({@code If-Match}; {@code If-None-Match: *}
 * for a new one), so a run that lost its lease never writes over a newer run's commit.
 */
public final class HourCommitter {

  private final Storage.Root state;
  private final Layout layout;
  private final OutputPublisher publisher;
  private final PrintStream log;
  private final Runnable ensureLeaseHeld;

  /**
   * @param log where each deleted output is named
   * @param ensureLeaseHeld throws when the run can no longer prove it holds its lease
   */
  public HourCommitter(Storage storage, Layout layout, PrintStream log, Runnable ensureLeaseHeld) {
    this.state = storage.state();
    this.layout = layout;
    this.publisher = new OutputPublisher(storage.output(), layout, ensureLeaseHeld);
    this.log = log;
    this.ensureLeaseHeld = ensureLeaseHeld;
  }

  /** Writes the manifest of every hour the plan touched; returns the manifests written. */
  public Map<Hour, HourManifest> commit(Plan plan, WindowScan scan, List<PartitionResult> results) {
    Map<Hour, HourManifest> previous = scan.manifests();
    Map<PartitionId, PartitionResult> byPartition =
        results.stream().collect(Collectors.toMap(PartitionResult::partition, r -> r));
    Map<Hour, HourManifest> written = new TreeMap<>();
    for (Hour hour : plan.hoursToCommit()) {
      ensureLeaseHeld.run();
      HourManifest before =
          previous.getOrDefault(hour, HourManifest.empty(layout.eventType(), hour));
      Map<Integer, PartitionEntry> entries = new HashMap<>(before.byBucket());
      boolean changed = false;
      for (PartitionWork work : plan.work()) {
        if (work.partition().hour().equals(hour)) {
          changed |= apply(work, byPartition.get(work.partition()), entries);
        }
      }
      if (!changed) {
        // Every rebuild of this hour failed: its manifest stays exactly as it was (or absent).
        continue;
      }
      HourManifest manifest =
          new HourManifest(
              HourManifest.FORMAT, layout.eventType(), hour, List.copyOf(entries.values()));
      write(hour, ManifestCodec.encode(manifest), scan.manifestEtags().get(hour));
      written.put(hour, manifest);
    }
    return written;
  }

  /** Writes the manifest only over the version the plan was made from. */
  private void write(Hour hour, byte[] bytes, String plannedEtag) {
    String key = layout.manifestKey(hour);
    try {
      if (plannedEtag == null) {
        state.putIfAbsent(key, bytes);
      } else {
        state.putIfMatch(key, bytes, plannedEtag);
      }
    } catch (PreconditionFailedException e) {
      // The store retries a write whose response was lost; if it holds our bytes, the write was
      // ours.
      if (!state.readIfExists(key).map(now -> Arrays.equals(now, bytes)).orElse(false)) {
        throw new ManifestConflictException(
            state.uriOf(key)
                + " changed after this run planned "
                + hour
                + " (another run committed it); it was not overwritten. The outputs this run wrote"
                + " are replaced by that run's or by the next run, which plans again from what is"
                + " there.",
            e);
      }
    }
  }

  /** Applies one partition's outcome to the hour's entries; returns whether it changed them. */
  private boolean apply(
      PartitionWork work, PartitionResult result, Map<Integer, PartitionEntry> entries) {
    int bucket = work.partition().bucket();
    if (work.reason() == Reason.EMPTIED) {
      work.previous().ifPresent(old -> delete(keys(old.outputs()), Set.of(), work));
      delete(work.strays(), Set.of(), work);
      entries.remove(bucket);
      return true;
    }
    if (work.reason() == Reason.ORPHANED) {
      delete(work.strays(), Set.of(), work);
      return true;
    }
    if (result == null || !result.succeeded()) {
      return false;
    }
    PartitionEntry fresh = result.entry().orElseThrow();
    Set<String> keep = Set.copyOf(keys(fresh.outputs()));
    work.previous().ifPresent(old -> delete(keys(old.outputs()), keep, work));
    delete(work.strays(), keep, work);
    entries.put(bucket, fresh);
    return true;
  }

  private void delete(List<String> keys, Set<String> keep, PartitionWork work) {
    publisher.deleteExcept(
        keys,
        keep,
        uri ->
            log.println(
                "deleted "
                    + uri
                    + " ("
                    + work.partition()
                    + ", "
                    + work.reason().label()
                    + ": "
                    + work.detail()
                    + ")"));
  }

  private static List<String> keys(List<OutputFile> outputs) {
    return outputs.stream().map(OutputFile::key).toList();
  }
}

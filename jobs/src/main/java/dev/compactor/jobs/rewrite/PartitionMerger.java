package dev.compactor.jobs.rewrite;

import dev.compactor.config.EventTypeConfig;
import dev.compactor.dedupe.EventIdKey;
import dev.compactor.dedupe.RecordOrdering;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.zip.CRC32;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericRecord;

/**
 * Dedupes and sorts one partition within a memory budget. With one sub-bucket everything happens in
 * memory. With more, records are spilled to local disk by a hash of their event ID (every copy of
 * an ID lands in the same sub-bucket, so each is deduplicated on its own), each sub-bucket is
 * deduplicated and sorted in memory into a run file, and the output streams from a merge of the
 * runs. Because the ordering is total, the result is the same whatever the number of sub-buckets.
 */
public final class PartitionMerger implements AutoCloseable {

  private final Schema schema;
  private final EventTypeConfig config;
  private final RecordOrdering winner;
  private final RecordOrdering sort;
  private final Path scratch;
  private final Deduplicator inMemory;
  private final List<DataFileWriter<GenericRecord>> spills = new ArrayList<>();
  private final List<Path> spillFiles = new ArrayList<>();
  private long added;
  private long duplicatesDropped;
  private Iterable<GenericRecord> survivors;

  /**
   * @param subBuckets 1 to merge in memory; more to spill
   * @param scratch a private folder for spill and run files, deleted by the caller
   */
  public PartitionMerger(Schema schema, EventTypeConfig config, int subBuckets, Path scratch) {
    this.schema = schema;
    this.config = config;
    this.winner = config.winner();
    this.sort = config.sort();
    this.scratch = scratch;
    this.inMemory = subBuckets == 1 ? newDeduplicator() : null;
    for (int i = 0; i < subBuckets && subBuckets > 1; i++) {
      spillFiles.add(scratch.resolve("spill-" + i + ".avro"));
      spills.add(RunFiles.openWriter(schema, spillFiles.get(i)));
    }
  }

  public void add(GenericRecord record) {
    if (inMemory != null) {
      inMemory.add(record);
      return;
    }
    added++;
    Object id = config.eventId().valueOf(record);
    try {
      spills.get(subBucket(id)).append(record);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot spill to " + scratch, e);
    }
  }

  /**
   * The survivors in output order. Each call to {@code iterator()} streams them again, so the Avro
   * and the Parquet writer can each take one pass.
   */
  public Iterable<GenericRecord> survivors() {
    if (survivors == null) {
      survivors = merge();
    }
    return survivors;
  }

  private Iterable<GenericRecord> merge() {
    if (inMemory != null) {
      List<GenericRecord> records = inMemory.survivors();
      records.sort(sort);
      duplicatesDropped = inMemory.duplicatesDropped();
      added = inMemory.added();
      return records;
    }
    List<Path> runs = sortSpills();
    return () -> new RunMerge(runs, sort);
  }

  /**
   * Whether the survivors are exactly {@code records}, the same objects in the same order. Only
   * known for a merge in memory; after a spill the survivors are read back, so this says false.
   */
  public boolean survivorsAre(List<GenericRecord> records) {
    if (inMemory == null) {
      return false;
    }
    Iterator<GenericRecord> survivor = survivors().iterator();
    for (GenericRecord record : records) {
      if (!survivor.hasNext() || survivor.next() != record) {
        return false;
      }
    }
    return !survivor.hasNext();
  }

  public long recordsIn() {
    return added;
  }

  public long duplicatesDropped() {
    return duplicatesDropped;
  }

  /** Dedupes and sorts each spill file into a run file, one in memory at a time. */
  private List<Path> sortSpills() {
    List<Path> runs = new ArrayList<>();
    try {
      for (DataFileWriter<GenericRecord> spill : spills) {
        spill.close();
      }
      for (int i = 0; i < spillFiles.size(); i++) {
        Deduplicator dedupe = newDeduplicator();
        for (GenericRecord record : RunFiles.read(schema, spillFiles.get(i))) {
          dedupe.add(record);
        }
        Files.delete(spillFiles.get(i));
        List<GenericRecord> survivors = dedupe.survivors();
        survivors.sort(sort);
        duplicatesDropped += dedupe.duplicatesDropped();
        Path run = scratch.resolve("run-" + i + ".avro");
        try (DataFileWriter<GenericRecord> writer = RunFiles.openWriter(schema, run)) {
          for (GenericRecord r : survivors) {
            writer.append(r);
          }
        }
        runs.add(run);
      }
      return runs;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot sort spilled records in " + scratch, e);
    }
  }

  private int subBucket(Object id) {
    return subBucketOf(id, spills.size());
  }

  /** The sub-bucket of an event ID: a hash of its content, so copies of one ID always meet. */
  static int subBucketOf(Object id, int subBuckets) {
    if (id == null) {
      return 0;
    }
    CRC32 crc = new CRC32();
    crc.update(EventIdKey.bytes(EventIdKey.of(id)));
    return (int) (crc.getValue() % subBuckets);
  }

  private Deduplicator newDeduplicator() {
    return new Deduplicator(config.eventId(), winner);
  }

  @Override
  public void close() {
    for (DataFileWriter<GenericRecord> spill : spills) {
      try {
        spill.close();
      } catch (IOException | RuntimeException e) {
        // Best effort: the scratch folder is deleted by the caller either way.
      }
    }
  }

  /** A k-way merge of sorted run files. */
  private static final class RunMerge implements Iterator<GenericRecord> {
    private final PriorityQueue<Head> heads;

    private record Head(GenericRecord record, Iterator<GenericRecord> rest) {}

    RunMerge(List<Path> runs, RecordOrdering sort) {
      this.heads =
          new PriorityQueue<>(
              Math.max(1, runs.size()), (a, b) -> sort.compare(a.record(), b.record()));
      for (Path run : runs) {
        Iterator<GenericRecord> it = RunFiles.read(null, run).iterator();
        if (it.hasNext()) {
          heads.add(new Head(it.next(), it));
        }
      }
    }

    @Override
    public boolean hasNext() {
      return !heads.isEmpty();
    }

    @Override
    public GenericRecord next() {
      Head head = heads.poll();
      if (head == null) {
        throw new NoSuchElementException();
      }
      if (head.rest().hasNext()) {
        heads.add(new Head(head.rest().next(), head.rest()));
      }
      return head.record();
    }
  }
}

package dev.compactor.jobs.rewrite;

import dev.compactor.config.EventTypeConfig;
import dev.compactor.config.ParquetTable;
import dev.compactor.domain.InputFile;
import dev.compactor.domain.OutputFile;
import dev.compactor.domain.PartitionId;
import dev.compactor.domain.Quarantined;
import dev.compactor.jobs.publish.OutputPublisher;
import dev.compactor.layout.Layout;
import dev.compactor.lock.Lease;
import dev.compactor.manifest.PartitionEntry;
import dev.compactor.plan.Fingerprints;
import dev.compactor.store.AccessDeniedException;
import dev.compactor.store.NoSuchObjectException;
import dev.compactor.store.ObjectStore;
import dev.compactor.store.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Rebuilds one partition: reads every input file, drops duplicate event IDs by the winner rule,
 * sorts the survivors, and writes one Avro and one Parquet object straight to their final keys. A
 * PUT over an existing key is atomic on S3 (and a rename on local disk), so readers see the old or
 * the new file.
 *
 * <p>Bad files are quarantined and the partition is built from the rest. Problems that a later run
 * can cure (a file deleted or replaced while it was being read, a store error) fail the partition
 * instead, so its manifest entry stays as it was and the next run retries it. An input whose ETag
 * proves not to be its MD5 (SSE-KMS, SSE-C) is not a change: see {@link InputFetcher}.
 */
public final class PartitionRewriter {

  private final RewriteSpec spec;
  private final EventTypeConfig config;
  private final Schema schema;
  private final ObjectStore inputs;
  private final ObjectStore outputs;
  private final OutputPublisher publisher;

  public PartitionRewriter(RewriteSpec spec, ObjectStore inputs, ObjectStore outputs) {
    this.spec = spec;
    this.config = spec.eventType();
    this.schema = config.schema();
    this.inputs = inputs;
    this.outputs = outputs;
    this.publisher =
        new OutputPublisher(
            new Storage.Root(spec.stores().outputRoot(), outputs),
            config.layout(),
            () -> spec.fence().ensureHeld(spec.stores()::open, Clock.systemUTC()));
  }

  public PartitionResult rewrite(RewriteTask work) {
    long started = System.nanoTime();
    PartitionId id = work.partition();
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory(scratch(), "compact-");
      int subBuckets = MemoryBudget.subBuckets(work.inputBytes(), spec.taskMemoryBytes());
      InputFetcher fetcher = new InputFetcher(inputs);
      Merged merged;
      List<InputFile> recorded;
      String fingerprint;
      Written written;
      try (PartitionMerger merger = new PartitionMerger(schema, config, subBuckets, scratch)) {
        merged = readAndDedupe(work, merger, fetcher);
        // The plan fingerprinted MD5s taken from ETags; the wrong ones are corrected before the
        // fingerprint is recorded, so the next run sees these inputs as unchanged.
        recorded = fetcher.withTrueMd5s(work.recordedInputs());
        fingerprint =
            fetcher.etagsNotMd5() == 0
                ? work.fingerprint()
                : Fingerprints.partition(spec.run().settingsFingerprint(), recorded);
        written =
            keepsCarriedOutputs(id, work, merged, merger)
                ? new Written(
                    List.of(work.carried().orElseThrow(), work.keepableParquet().orElseThrow()), 0)
                : writeOutputs(id, fingerprint, merged, scratch);
      }
      RewriteStats stats =
          new RewriteStats(
              work.inputs().size(),
              merged.bytesRead(),
              merged.recordsIn(),
              merged.recordsOut(),
              merged.duplicatesDropped(),
              written.bytesUploaded(),
              merged.quarantinedFiles(),
              merged.outsideHour(),
              millisSince(started),
              fetcher.etagsNotMd5());
      PartitionEntry entry =
          new PartitionEntry(
              id.bucket(),
              spec.run().settingsFingerprint(),
              fingerprint,
              spec.run().runId(),
              merged.recordsIn(),
              merged.recordsOut(),
              recorded,
              written.outputs(),
              fetcher.quarantinedWithTrueMd5s(merged.quarantined()));
      return PartitionResult.succeeded(id, entry, stats);
    } catch (RetryableInputException
        | NullIdScreen.NullEventIdException
        | Lease.LeaseLostException e) {
      return PartitionResult.failed(id, e.getMessage(), RewriteStats.ZERO);
    } catch (AccessDeniedException e) {
      // The message names the bucket, key, permission and fix; a retry cannot cure it.
      return PartitionResult.failed(
          id, e.getMessage() + " Its previous outputs and manifest are intact.", RewriteStats.ZERO);
    } catch (RuntimeException | IOException e) {
      return PartitionResult.failed(
          id,
          "rebuilding "
              + id
              + " failed: "
              + e
              + ". Its previous outputs and manifest are intact; "
              + "the next run retries it.",
          RewriteStats.ZERO);
    } catch (OutOfMemoryError e) {
      // What filled the heap belongs to this call and is garbage once it returns: fail this
      // partition
      // only, and let the other tasks and hours commit.
      return PartitionResult.failed(
          id,
          "rebuilding "
              + id
              + " ran out of memory ("
              + e.getMessage()
              + ", "
              + work.inputs().size()
              + " file(s), "
              + work.inputBytes()
              + " bytes). Its previous outputs and manifest are intact. Give tasks more heap, or"
              + " set spark.task-memory-mb lower so the partition spills sooner; the next run"
              + " retries it.",
          RewriteStats.ZERO);
    } finally {
      if (scratch != null) {
        deleteRecursively(scratch);
      }
    }
  }

  private record Merged(
      Iterable<GenericRecord> records,
      Carried carried,
      long recordsIn,
      long recordsOut,
      long duplicatesDropped,
      long bytesRead,
      List<Quarantined> quarantined,
      long quarantinedFiles,
      long outsideHour) {}

  private Merged readAndDedupe(RewriteTask work, PartitionMerger merger, InputFetcher fetcher) {
    InputDecoder decoder = new InputDecoder(schema, config.eventId());
    NullIdScreen nullIds = new NullIdScreen(config.eventId(), config.nullId());
    EventTimeCheck eventTime = new EventTimeCheck(config.eventTime(), work.partition().hour());
    List<Quarantined> quarantined = new ArrayList<>();
    long bytesRead = 0;
    long outsideHour = 0;
    long nullIdsLeftOut = 0;
    // Carried records go in first: a new copy that ties with one keeps the carried object.
    Carried carried = work.carried().map(c -> carryOver(c, decoder, merger)).orElse(null);
    if (carried != null) {
      bytesRead += carried.bytes().length;
    }
    for (InputFile file : work.inputs()) {
      String uri = inputs.uri(file.key());
      byte[] bytes = fetcher.fetch(file, uri);
      bytesRead += bytes.length;
      InputDecoder.Decoded decoded = decoder.decode(file, uri, bytes);
      if (decoded instanceof InputDecoder.Rejected rejected) {
        quarantined.add(rejected.quarantined());
      } else if (decoded instanceof InputDecoder.Records good) {
        NullIdScreen.Screened screened = nullIds.screen(file, uri, good.records());
        screened.quarantined().ifPresent(quarantined::add);
        nullIdsLeftOut += good.records().size() - screened.kept().size();
        for (GenericRecord rec : screened.kept()) {
          outsideHour += eventTime.outsideHour(rec) ? 1 : 0;
          merger.add(rec);
        }
      }
    }
    long quarantinedFiles = quarantined.stream().map(Quarantined::key).distinct().count();
    if (spec.badInput() == RewriteSpec.BadInput.FAIL && !quarantined.isEmpty()) {
      Quarantined first = quarantined.get(0);
      throw new RetryableInputException(
          inputs.uri(first.key())
              + ": "
              + first.reason()
              + " (--strict: the run fails instead of "
              + "quarantining; fix or delete the file, or run without --strict)");
    }
    Iterable<GenericRecord> survivors = merger.survivors();
    long recordsOut = merger.recordsIn() - merger.duplicatesDropped();
    // A carried output holds its build's winners only: its dropped copies count as a full
    // rebuild's.
    long carriedDuplicates = work.carried().isPresent() ? work.carriedDuplicates() : 0;
    return new Merged(
        survivors,
        carried,
        merger.recordsIn() + nullIdsLeftOut + carriedDuplicates,
        recordsOut,
        merger.duplicatesDropped() + carriedDuplicates,
        bytesRead,
        quarantined,
        quarantinedFiles,
        outsideHour);
  }

  /**
   * Reads back the partition's previous Avro output, which holds the rows of inputs that expired in
   * a settled hour. It was written by this job in the reader schema, so it must decode; anything
   * else fails the partition rather than lose those rows.
   */
  private record Carried(byte[] bytes, List<GenericRecord> records) {}

  /** The partition's outputs, and the bytes uploaded for them (a kept file costs none). */
  private record Written(List<OutputFile> outputs, long bytesUploaded) {}

  private Carried carryOver(OutputFile previous, InputDecoder decoder, PartitionMerger merger) {
    String uri = outputs.uri(previous.key());
    byte[] bytes;
    try {
      bytes = outputs.readAll(previous.key());
    } catch (NoSuchObjectException e) {
      throw new RetryableInputException(
          uri + " (the record of expired inputs) was deleted during the run");
    }
    if (bytes.length != previous.size()) {
      throw new RetryableInputException(
          uri + " (the record of expired inputs) changed during the run");
    }
    InputFile asInput = new InputFile(previous.key(), previous.size(), previous.etag(), md5(bytes));
    InputDecoder.Decoded decoded = decoder.decode(asInput, uri, bytes);
    if (decoded instanceof InputDecoder.Rejected rejected) {
      throw new IllegalStateException(
          uri
              + " holds the only copy of expired inputs' rows and cannot be read: "
              + rejected.quarantined().reason());
    }
    List<GenericRecord> records = ((InputDecoder.Records) decoded).records();
    records.forEach(merger::add);
    return new Carried(bytes, records);
  }

  /**
   * Whether the outputs already there are the ones a rebuild writes, so both are kept: the new
   * inputs left the carried records exactly as they were (every new copy lost to, or tied with, the
   * record already there: a replay), and the carried Avro has this build's sync marker. The marker
   * depends on the settings and the partition only, and the plan carries outputs only under the
   * same settings, so the same records give the same bytes in both files.
   */
  private boolean keepsCarriedOutputs(
      PartitionId id, RewriteTask work, Merged merged, PartitionMerger merger) {
    return work.keepableParquet().isPresent()
        && merged.carried() != null
        && merged.quarantined().isEmpty()
        && AvroFraming.syncMarker(merged.carried().bytes())
            .filter(m -> Arrays.equals(m, syncMarker(id)))
            .isPresent()
        && merger.survivorsAre(merged.carried().records());
  }

  private byte[] syncMarker(PartitionId id) {
    return Fingerprints.avroSyncMarker(spec.run().settingsFingerprint(), id);
  }

  private Written writeOutputs(PartitionId id, String fingerprint, Merged merged, Path dir)
      throws IOException {
    Path avro = dir.resolve("part.avro");
    Path parquet = dir.resolve("part.parquet");
    new AvroFileWriter(schema, config.output().avroCodec())
        .write(merged.records(), avro, syncMarker(id));
    boolean iceberg = config.parquetTable() == ParquetTable.ICEBERG;
    ParquetFileWriter.of(config).write(merged.records(), parquet);
    // The Avro of record first, as before: a failure names it, and the order of PUTs is unchanged.
    OutputFile avroOutput = publisher.publish(Layout.AVRO, id, avro, merged.recordsOut());
    OutputFile parquetOutput =
        iceberg
            ? publisher.publishTableFile(id, fingerprint, parquet, merged.recordsOut())
            : publisher.publish(Layout.PARQUET, id, parquet, merged.recordsOut());
    return new Written(
        List.of(avroOutput, parquetOutput), avroOutput.size() + parquetOutput.size());
  }

  private Path scratch() throws IOException {
    String localDir = spec.resources().localDir();
    Path dir = Path.of(localDir.isBlank() ? System.getProperty("java.io.tmpdir") : localDir);
    return Files.createDirectories(dir);
  }

  private static void deleteRecursively(Path dir) {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean scratch folder " + dir, e);
    }
  }

  static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required by the Java platform", e);
    }
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** The input changed under the run; a later run will see a consistent listing. */
  static final class RetryableInputException extends RuntimeException {
    RetryableInputException(String message) {
      super(message);
    }
  }
}

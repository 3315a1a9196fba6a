package dev.compactor.jobs.bench;

import dev.compactor.config.EventTypeConfig;
import dev.compactor.domain.Hour;
import dev.compactor.jobs.rewrite.AvroFileWriter;
import dev.compactor.jobs.rewrite.ParquetFileWriter;
import dev.compactor.layout.InputLayout;
import dev.compactor.store.ObjectInfo;
import dev.compactor.store.Storage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * The benchmark's floor: the least work any compactor must do. One thread per core takes whole
 * partitions, reads every input file with one GET, decodes every record with the reader schema, and
 * encodes the records once to Avro and once to Parquet (the product's writers, same codecs) into
 * scratch files it then deletes. No dedupe, no sort, no Spark, no upload, no state: its throughput
 * times the cores is the ceiling a real job can approach.
 */
public final class DecodeEncodeFloor {

  /** What the pass did. */
  public record Result(long files, long records, long bytesRead) {}

  private final Storage storage;
  private final EventTypeConfig eventType;
  private final Path scratch;
  private final Schema schema;

  public DecodeEncodeFloor(Storage storage, EventTypeConfig eventType, Path scratch) {
    this.storage = storage;
    this.eventType = eventType;
    this.scratch = scratch;
    this.schema = eventType.schema();
  }

  /**
   * Processes every partition of {@code hours}; {@code onlyBucket} maps an hour to the one bucket
   * to take from it (hours absent from the map are taken whole).
   */
  public Result run(List<Hour> hours, Map<Hour, Integer> onlyBucket, int threads) {
    List<List<ObjectInfo>> partitions = new ArrayList<>();
    for (Hour hour : hours) {
      partitions.addAll(partitionsOf(hour, onlyBucket.get(hour)));
    }
    AtomicLong files = new AtomicLong();
    AtomicLong records = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (List<ObjectInfo> partition : partitions) {
        done.add(pool.submit(() -> records.addAndGet(decodeAndEncode(partition, files, bytes))));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("floor pass interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("floor pass failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return new Result(files.get(), records.get(), bytes.get());
  }

  /** The hour's input files grouped by bucket, from one listing of the hour prefix. */
  private List<List<ObjectInfo>> partitionsOf(Hour hour, Integer bucket) {
    InputLayout layout = eventType.input();
    String prefix = storage.input().key(layout.hourPrefix(eventType.name(), hour)) + "/";
    Map<Integer, List<ObjectInfo>> byBucket = new TreeMap<>();
    for (ObjectInfo object : storage.input().store().list(prefix)) {
      layout
          .bucketOf(object.key().substring(prefix.length()))
          .ifPresent(
              b -> {
                if (bucket == null || bucket == b) {
                  byBucket.computeIfAbsent(b, x -> new ArrayList<>()).add(object);
                }
              });
    }
    return new ArrayList<>(byBucket.values());
  }

  private long decodeAndEncode(List<ObjectInfo> partition, AtomicLong files, AtomicLong bytes) {
    List<GenericRecord> records = new ArrayList<>();
    for (ObjectInfo object : partition) {
      byte[] content = storage.input().store().readAll(object.key());
      bytes.addAndGet(content.length);
      files.incrementAndGet();
      decode(content, records);
    }
    try {
      Path avro = Files.createTempFile(scratch, "floor-", ".avro");
      Path parquet = Files.createTempFile(scratch, "floor-", ".parquet");
      try {
        new AvroFileWriter(schema, eventType.output().avroCodec())
            .write(records, avro, new byte[16]);
        ParquetFileWriter.of(eventType).write(records, parquet);
      } finally {
        Files.deleteIfExists(avro);
        Files.deleteIfExists(parquet);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("floor pass cannot write scratch files in " + scratch, e);
    }
    return records.size();
  }

  private void decode(byte[] content, List<GenericRecord> into) {
    try (DataFileStream<GenericRecord> stream =
        new DataFileStream<>(
            new ByteArrayInputStream(content), new GenericDatumReader<>(null, schema))) {
      while (stream.hasNext()) {
        into.add(stream.next());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("floor pass cannot decode an input file", e);
    }
  }
}

package dev.compactor.jobs.it;

import dev.compactor.domain.Hour;
import dev.compactor.domain.PartitionId;
import dev.compactor.domain.Window;
import dev.compactor.store.ObjectInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.SeekableByteArrayInput;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * What the outputs must hold, computed from the raw input alone with plain Avro and written without
 * the product's dedupe code: per partition, one record per event ID, the copy with the earliest (or
 * latest) {@code received_at}, ties going to the smallest binary encoding.
 */
public final class ExpectedOutput {

  private ExpectedOutput() {}

  /** Expected winners per partition, by event ID. */
  public static Map<PartitionId, Map<String, GenericRecord>> of(
      CompactorHarness harness, Schema reader, boolean latestWins) {
    return of(harness, reader, latestWins, harness.window());
  }

  public static Map<PartitionId, Map<String, GenericRecord>> of(
      CompactorHarness harness, Schema reader, boolean latestWins, Window hours) {
    Map<PartitionId, Map<String, GenericRecord>> expected = new TreeMap<>();
    for (Hour hour : hours.hours()) {
      for (int bucket = 0; bucket < CompactorHarness.BUCKETS; bucket++) {
        PartitionId partition = new PartitionId(hour, bucket);
        Map<String, GenericRecord> winners = new HashMap<>();
        Comparator<GenericRecord> rule = winnerRule(reader, latestWins);
        for (ObjectInfo file : harness.inputFiles(partition)) {
          byte[] bytes = harness.storage().input().store().readAll(file.key());
          for (GenericRecord record : read(bytes, reader)) {
            winners.merge(
                record.get("event_id").toString(),
                record,
                (a, b) -> rule.compare(a, b) <= 0 ? a : b);
          }
        }
        if (!winners.isEmpty()) {
          expected.put(partition, winners);
        }
      }
    }
    return expected;
  }

  /** Every input record of the window, copies included, by partition. */
  public static Map<PartitionId, List<GenericRecord>> allInputs(
      CompactorHarness harness, Schema reader) {
    Map<PartitionId, List<GenericRecord>> all = new TreeMap<>();
    for (Hour hour : harness.window().hours()) {
      for (int bucket = 0; bucket < CompactorHarness.BUCKETS; bucket++) {
        PartitionId partition = new PartitionId(hour, bucket);
        for (ObjectInfo file : harness.inputFiles(partition)) {
          all.computeIfAbsent(partition, p -> new ArrayList<>())
              .addAll(read(harness.storage().input().store().readAll(file.key()), reader));
        }
      }
    }
    return all;
  }

  public static long copies(CompactorHarness harness, Schema reader) {
    long n = 0;
    for (Hour hour : harness.window().hours()) {
      for (int bucket = 0; bucket < CompactorHarness.BUCKETS; bucket++) {
        for (ObjectInfo file : harness.inputFiles(new PartitionId(hour, bucket))) {
          n += read(harness.storage().input().store().readAll(file.key()), reader).size();
        }
      }
    }
    return n;
  }

  private static Comparator<GenericRecord> winnerRule(Schema schema, boolean latestWins) {
    Comparator<GenericRecord> byReceived =
        Comparator.comparingLong(r -> (Long) r.get("received_at"));
    if (latestWins) {
      byReceived = byReceived.reversed();
    }
    return byReceived.thenComparing(
        (a, b) -> Arrays.compareUnsigned(encode(a, schema), encode(b, schema)));
  }

  static List<GenericRecord> read(byte[] bytes, Schema reader) {
    try (DataFileReader<GenericRecord> in =
        new DataFileReader<>(
            new SeekableByteArrayInput(bytes), new GenericDatumReader<>(null, reader))) {
      List<GenericRecord> records = new ArrayList<>();
      in.forEach(records::add);
      return records;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] encode(GenericRecord record, Schema schema) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

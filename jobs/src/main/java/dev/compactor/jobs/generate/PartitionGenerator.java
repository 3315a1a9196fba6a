package dev.compactor.jobs.generate;

import dev.compactor.domain.Hour;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;

/**
 * Generates the input files of one partition (event type, hour, bucket), as a pure function of the
 * spec, the hour, the bucket and the partition's event IDs. It draws from its own random stream
 * derived from (seed, hour, bucket), so partitions can be generated concurrently in any order and
 * still come out byte-identical.
 *
 * <p>What it models: each event arrives a few seconds after it happened and lands in the flush file
 * covering its arrival time. A duplicated event gets 1 to maxCopies extra copies; each copy is
 * either a retried batch (identical bytes in the same file) or a redelivery (same payload, arriving
 * one to four flushes later, so usually in a later file). Producers switch from writer schema v1 to
 * v2 at one flush of each partition, like a rolling upgrade; since copies never arrive earlier than
 * their original, a copy never goes back to v1 and resolves to the same payload as its original
 * apart from received_at. Files alternate deflate and snappy.
 */
final class PartitionGenerator {

  private static final long HOUR_MILLIS = 3_600_000L;
  private static final long MIN_DELAY_MILLIS = 20;
  private static final long DELAY_SPREAD_MILLIS = 4_000;
  private static final double RETRIED_BATCH_SHARE = 0.5;
  private static final int DEFLATE_LEVEL = 6;
  private static final DateTimeFormatter FLUSH_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC);

  private final GeneratorSpec spec;
  private final long flushMillis;

  PartitionGenerator(GeneratorSpec spec) {
    this.spec = spec;
    this.flushMillis = HOUR_MILLIS / spec.flushesPerHour();
  }

  GeneratorSpec spec() {
    return spec;
  }

  /** The partition's files in flush order; flushes that received nothing write no file. */
  List<GeneratedFile> generate(Hour hour, int bucket, List<String> eventIds) {
    SplitMix64 random = SplitMix64.derived(spec.seed(), hourNumber(hour), bucket);
    long hourStart = hour.startInstant().toEpochMilli();
    int firstV2Flush = firstV2Flush(random);
    List<List<Delivery>> byFlush = new ArrayList<>(spec.flushesPerHour());
    for (int i = 0; i < spec.flushesPerHour(); i++) {
      byFlush.add(new ArrayList<>());
    }
    for (String eventId : eventIds) {
      long eventTime = hourStart + random.nextLong(HOUR_MILLIS);
      long receivedAt = eventTime + MIN_DELAY_MILLIS + random.nextLong(DELAY_SPREAD_MILLIS);
      int flush = flushOf(hourStart, receivedAt);
      SampleEvent event = SampleEvent.draw(random, eventId, eventTime, flush >= firstV2Flush);
      Delivery original = new Delivery(event, receivedAt);
      byFlush.get(flush).add(original);
      if (random.chance(spec.duplicateRate())) {
        addCopies(random, hourStart, original, byFlush);
      }
    }
    List<GeneratedFile> files = new ArrayList<>();
    for (int flush = 0; flush < byFlush.size(); flush++) {
      List<Delivery> deliveries = byFlush.get(flush);
      if (!deliveries.isEmpty()) {
        ClickSchema version = flush >= firstV2Flush ? ClickSchema.V2 : ClickSchema.V1;
        files.add(file(random, hourStart, flush, version, deliveries));
      }
    }
    return files;
  }

  private void addCopies(
      SplitMix64 random, long hourStart, Delivery original, List<List<Delivery>> byFlush) {
    int copies = 1 + random.nextInt(spec.maxCopies());
    for (int i = 0; i < copies; i++) {
      if (random.chance(RETRIED_BATCH_SHARE)) {
        byFlush.get(flushOf(hourStart, original.receivedAt())).add(original);
      } else {
        long later = original.receivedAt() + flushMillis + random.nextLong(3 * flushMillis);
        byFlush.get(flushOf(hourStart, later)).add(new Delivery(original.event(), later));
      }
    }
  }

  private GeneratedFile file(
      SplitMix64 random,
      long hourStart,
      int flush,
      ClickSchema version,
      List<Delivery> deliveries) {
    // A delivery stream writes records in arrival order; the sort is stable, so retried copies stay
    // next to their original.
    deliveries.sort(Comparator.comparingLong(Delivery::receivedAt));
    String name =
        spec.eventType()
            + "-1-"
            + FLUSH_TIME.format(Instant.ofEpochMilli(hourStart + flush * flushMillis))
            + "-"
            + String.format("%08x", random.nextLong() >>> 32)
            + ".avro";
    byte[] sync = new byte[16];
    random.nextBytes(sync);
    CodecFactory codec =
        flush % 2 == 0 ? CodecFactory.deflateCodec(DEFLATE_LEVEL) : CodecFactory.snappyCodec();
    return new GeneratedFile(name, encode(version, codec, sync, deliveries), deliveries.size());
  }

  /**
   * The Avro container bytes. The sync marker is normally random per file; taking it from the seed
   * is what makes the same spec produce byte-identical files. No wall-clock metadata is written.
   */
  private static byte[] encode(
      ClickSchema version, CodecFactory codec, byte[] sync, List<Delivery> deliveries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * deliveries.size() + 1024);
    try (DataFileWriter<Delivery> writer = new DataFileWriter<>(new ClickDatumWriter(version))) {
      writer.setCodec(codec);
      writer.create(version.schema(), bytes, sync);
      for (Delivery delivery : deliveries) {
        writer.append(delivery);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot encode a sample Avro file in memory: " + e.getMessage(), e);
    }
    return bytes.toByteArray();
  }

  /**
   * The flush whose file an arrival at {@code receivedAt} lands in; late arrivals join the last
   * one.
   */
  private int flushOf(long hourStart, long receivedAt) {
    long flush = (receivedAt - hourStart) / flushMillis;
    return (int) Math.min(flush, spec.flushesPerHour() - 1L);
  }

  /**
   * The first flush written with v2. With two or more flushes both versions appear in every
   * partition, which is the case the compactor must handle: one partition, several writer schemas.
   */
  private int firstV2Flush(SplitMix64 random) {
    int flushes = spec.flushesPerHour();
    return flushes == 1 ? random.nextInt(2) : 1 + random.nextInt(flushes - 1);
  }

  static long hourNumber(Hour hour) {
    return hour.startInstant().getEpochSecond() / 3600;
  }
}

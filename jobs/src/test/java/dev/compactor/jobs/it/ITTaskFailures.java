package dev.compactor.jobs.it;

import static dev.compactor.jobs.it.OutputAssertions.assertOutputsMatch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.domain.Hour;
import dev.compactor.domain.PartitionId;
import dev.compactor.jobs.it.CompactorHarness.Backend;
import dev.compactor.manifest.HourManifest;
import dev.compactor.manifest.ManifestCodec;
import dev.compactor.manifest.PartitionEntry;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partition whose task runs out of memory fails alone; every other partition and hour commits.
 */
class ITTaskFailures {

  private static final Hour LAST = CompactorHarness.LAST_HOUR;

  @TempDir Path dir;

  @Test
  void aPartitionThatRunsOutOfMemoryFailsAloneAndTheOthersCommit() throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir)) {
      h.generate(60, 91);
      Schema reader = h.eventType().schema();
      var expected = new TreeMap<>(ExpectedOutput.of(h, reader, false));
      PartitionId heavy = new PartitionId(LAST.minusHours(4), 2);
      String key = h.inputFiles(heavy).get(0).key().replace(".avro", "-huge.avro");
      h.storage().input().store().put(key, recordWithAHugeString(reader));

      Process run = h.startCliWithHeap("512m", "run", "--at", LAST.toString());
      assertThat(run.waitFor(300, TimeUnit.SECONDS)).isTrue();

      String log = Files.readString(h.lastCliLog());
      assertThat(run.exitValue()).as("exit code; log:%n%s", log).isEqualTo(1);
      assertThat(log).contains(heavy + ": rebuilding " + heavy + " ran out of memory");
      for (Hour hour : h.window().hours()) {
        HourManifest manifest = manifest(h, hour);
        assertThat(manifest.partitions())
            .extracting(PartitionEntry::bucket)
            .as("committed buckets of %s", hour)
            .containsExactlyElementsOf(
                hour.equals(heavy.hour()) ? List.of(0, 1, 3) : List.of(0, 1, 2, 3));
      }
      var withoutHeavy = new TreeMap<>(expected);
      withoutHeavy.remove(heavy);
      assertOutputsMatch(h, withoutHeavy);

      h.storage().input().store().delete(key);
      h.run();
      assertOutputsMatch(h, expected);
    }
  }

  private static HourManifest manifest(CompactorHarness h, Hour hour) {
    String key = h.storage().state().key(h.outputLayout().manifestKey(hour));
    return ManifestCodec.decode(h.storage().state().store().readAll(key), key);
  }

  /**
   * A well-framed container file of one record whose first field, the event ID string, declares
   * 2,000,000,000 bytes: decoding it allocates that much at once, more than the run's heap.
   */
  private static byte[] recordWithAHugeString(Schema schema) throws Exception {
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    try (DataFileWriter<GenericRecord> writer =
        new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema))) {
      writer.setCodec(CodecFactory.nullCodec());
      writer.create(schema, header);
    }
    byte[] head = header.toByteArray();
    byte[] sync = Arrays.copyOfRange(head, head.length - 16, head.length);
    ByteArrayOutputStream datum = new ByteArrayOutputStream();
    writeLong(datum, 2_000_000_000L);
    datum.write(new byte[16]);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.write(head);
    writeLong(file, 1);
    writeLong(file, datum.size());
    file.write(datum.toByteArray());
    file.write(sync);
    return file.toByteArray();
  }

  /** Avro's zig-zag varint. */
  private static void writeLong(ByteArrayOutputStream out, long value) {
    long n = (value << 1) ^ (value >> 63);
    while ((n & ~0x7FL) != 0) {
      out.write((int) ((n & 0x7F) | 0x80));
      n >>>= 7;
    }
    out.write((int) n);
  }
}

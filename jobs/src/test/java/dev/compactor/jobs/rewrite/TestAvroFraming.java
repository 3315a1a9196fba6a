package dev.compactor.jobs.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class TestAvroFraming {

  private static final Schema SCHEMA =
      SchemaBuilder.record("E").fields().requiredString("id").requiredLong("n").endRecord();

  @Test
  void aCompleteFileHasIntactFraming() throws Exception {
    assertThat(AvroFraming.problem(file(300, CodecFactory.snappyCodec()))).isEmpty();
    assertThat(AvroFraming.problem(file(0, CodecFactory.nullCodec()))).isEmpty();
  }

  @Test
  void theHeaderNamesTheSyncMarkerEveryBlockEndsWith() throws Exception {
    byte[] whole = file(300, CodecFactory.deflateCodec(6));
    byte[] last = Arrays.copyOfRange(whole, whole.length - 16, whole.length);
    assertThat(AvroFraming.syncMarker(whole))
        .hasValueSatisfying(m -> assertThat(m).isEqualTo(last));
    assertThat(AvroFraming.syncMarker(Arrays.copyOf(whole, 10))).as("cut in the header").isEmpty();
    assertThat(AvroFraming.syncMarker("id,n\n".getBytes())).as("not Avro").isEmpty();
  }

  @Test
  void everyCutInsideABlockIsDetectedIncludingThoseAvroReadsAsACleanEnd() throws Exception {
    byte[] whole = file(300, CodecFactory.nullCodec());
    byte[] sync = Arrays.copyOfRange(whole, whole.length - 16, whole.length);
    int avroMissed = 0;
    for (int length = 0; length < whole.length; length++) {
      byte[] cut = Arrays.copyOf(whole, length);
      // Avro has no trailer: a cut exactly after a sync marker is a complete, shorter file.
      boolean afterSync = length >= 16 && Arrays.equals(cut, length - 16, length, sync, 0, 16);
      assertThat(AvroFraming.problem(cut).isPresent())
          .as("cut at %d of %d", length, whole.length)
          .isEqualTo(!afterSync);
      if (!afterSync && readsWithoutError(cut) >= 0) {
        avroMissed++;
      }
    }
    assertThat(avroMissed)
        .as("cuts inside a block that Avro's own reader takes for a clean end")
        .isPositive();
  }

  @Test
  void aBadSyncMarkerNamesTheBlock() throws Exception {
    byte[] bytes = file(300, CodecFactory.nullCodec());
    bytes[bytes.length - 1] ^= 0x55;
    assertThat(AvroFraming.problem(bytes))
        .hasValueSatisfying(p -> assertThat(p).contains("sync marker"));
  }

  @Test
  void notAvroIsBadMagic() {
    assertThat(AvroFraming.problem("id,n\n1,2\n".getBytes()))
        .hasValue("not an Avro object container file (bad magic)");
  }

  /** Records read, or -1 when Avro's reader notices the damage. */
  private static int readsWithoutError(byte[] bytes) {
    try (DataFileStream<GenericRecord> in =
        new DataFileStream<>(new ByteArrayInputStream(bytes), new GenericDatumReader<>(SCHEMA))) {
      int n = 0;
      while (in.hasNext()) {
        in.next();
        n++;
      }
      return n;
    } catch (Exception e) {
      return -1;
    }
  }

  private static byte[] file(int records, CodecFactory codec) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DataFileWriter<GenericRecord> writer =
        new DataFileWriter<>(new GenericDatumWriter<>(SCHEMA))) {
      writer.setCodec(codec);
      writer.setSyncInterval(64);
      writer.create(SCHEMA, out);
      for (int i = 0; i < records; i++) {
        GenericRecord r = new GenericData.Record(SCHEMA);
        r.put("id", "id-" + i);
        r.put("n", (long) i);
        writer.append(r);
      }
    }
    return out.toByteArray();
  }
}

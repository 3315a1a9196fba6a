package dev.compactor.jobs.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.config.ParquetCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCanonicalParquetFooter {

  private static final Schema SCHEMA =
      SchemaBuilder.record("Event")
          .fields()
          .requiredString("id")
          .requiredLong("at")
          .optionalString("page")
          .endRecord();

  @TempDir Path dir;

  @Test
  void theEncodingsOrderOfAnotherProcessIsRewrittenToTheSameBytes() throws IOException {
    Path written = write("written.parquet");
    FileMetaData footer = footerOf(written);
    assertThat(footer.getRow_groups())
        .flatMap(RowGroup::getColumns)
        .as("dictionary columns list several encodings, so their order matters")
        .anySatisfy(chunk -> assertThat(chunk.getMeta_data().getEncodings()).hasSizeGreaterThan(1));

    // What a process with other identity hash codes writes: the same encodings, another order.
    Path otherProcess = dir.resolve("other.parquet");
    Files.copy(written, otherProcess);
    CanonicalParquetFooter.transform(otherProcess, this::reverseEncodings);
    assertThat(Files.readAllBytes(otherProcess)).isNotEqualTo(Files.readAllBytes(written));

    CanonicalParquetFooter.rewrite(otherProcess);

    assertThat(Files.readAllBytes(otherProcess)).isEqualTo(Files.readAllBytes(written));
  }

  @Test
  void everyWrittenChunkListsItsEncodingsInThriftValueOrder() throws IOException {
    for (RowGroup group : footerOf(write("sorted.parquet")).getRow_groups()) {
      for (ColumnChunk chunk : group.getColumns()) {
        List<Integer> values =
            chunk.getMeta_data().getEncodings().stream().map(Encoding::getValue).toList();
        assertThat(values).isSorted();
      }
    }
  }

  private void reverseEncodings(FileMetaData metadata) {
    metadata
        .getRow_groups()
        .forEach(
            g -> g.getColumns().forEach(c -> Collections.reverse(c.getMeta_data().getEncodings())));
  }

  private Path write(String name) throws IOException {
    List<GenericRecord> records = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      GenericRecord r = new GenericData.Record(SCHEMA);
      r.put("id", "e" + i);
      r.put("at", 1_700_000_000_000L + i);
      r.put("page", i % 3 == 0 ? null : "/p" + (i % 7));
      records.add(r);
    }
    Path file = dir.resolve(name);
    new ParquetFileWriter(SCHEMA, ParquetCodec.ZSTD, 1 << 20).write(records, file);
    return file;
  }

  private static FileMetaData footerOf(Path file) throws IOException {
    FileMetaData[] seen = new FileMetaData[1];
    Path copy = file.resolveSibling(file.getFileName() + ".read");
    Files.copy(file, copy);
    CanonicalParquetFooter.transform(copy, m -> seen[0] = m);
    return seen[0];
  }
}

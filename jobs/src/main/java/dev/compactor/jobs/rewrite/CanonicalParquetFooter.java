package dev.compactor.jobs.rewrite;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.PageEncodingStats;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

/**
 * Rewrites a Parquet file's footer so each column chunk lists its encodings in a canonical order.
 *
 * <p>parquet-mr collects a chunk's encodings in a {@code HashSet} of enums, whose iteration order
 * follows identity hash codes and so differs between JVM processes: the same rows would give
 * different bytes (and ETags) in two runs, breaking byte-identical rebuilds. Only the footer
 * changes; the data pages and every offset the footer records stay where they are.
 */
final class CanonicalParquetFooter {

  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
  private static final int TAIL_BYTES = 8; // footer length (4, little endian) + magic (4)

  private CanonicalParquetFooter() {}

  static void rewrite(Path file) throws IOException {
    transform(file, CanonicalParquetFooter::canonicalize);
  }

  /** Replaces the footer of {@code file} by {@code change} applied to it. */
  static void transform(Path file, Consumer<FileMetaData> change) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      long length = raf.length();
      byte[] tail = new byte[TAIL_BYTES];
      raf.seek(length - TAIL_BYTES);
      raf.readFully(tail);
      ByteBuffer tailBuffer = ByteBuffer.wrap(tail).order(ByteOrder.LITTLE_ENDIAN);
      int footerLength = tailBuffer.getInt();
      if (!Arrays.equals(tail, 4, 8, MAGIC, 0, 4)
          || footerLength <= 0
          || footerLength > length - 12) {
        throw new IOException(
            file + " is not a plain Parquet file (no PAR1 footer); cannot canonicalize it.");
      }
      long footerStart = length - TAIL_BYTES - footerLength;
      byte[] footer = new byte[footerLength];
      raf.seek(footerStart);
      raf.readFully(footer);

      FileMetaData metadata = Util.readFileMetaData(new ByteArrayInputStream(footer));
      change.accept(metadata);
      ByteArrayOutputStream rewritten = new ByteArrayOutputStream(footerLength);
      Util.writeFileMetaData(metadata, rewritten);

      raf.seek(footerStart);
      raf.write(rewritten.toByteArray());
      raf.write(
          ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(rewritten.size()).array());
      raf.write(MAGIC);
      raf.setLength(raf.getFilePointer());
    }
  }

  /** Sorts every chunk's encodings, and its page encoding statistics, by their Thrift values. */
  static void canonicalize(FileMetaData metadata) {
    for (RowGroup group : metadata.getRow_groups()) {
      for (ColumnChunk chunk : group.getColumns()) {
        ColumnMetaData column = chunk.getMeta_data();
        if (column == null) {
          continue;
        }
        List<Encoding> encodings = column.getEncodings();
        if (encodings != null) {
          encodings.sort(Comparator.comparingInt(Encoding::getValue));
        }
        List<PageEncodingStats> stats = column.getEncoding_stats();
        if (stats != null) {
          stats.sort(
              Comparator.<PageEncodingStats>comparingInt(s -> s.getPage_type().getValue())
                  .thenComparingInt(s -> s.getEncoding().getValue()));
        }
      }
    }
  }
}

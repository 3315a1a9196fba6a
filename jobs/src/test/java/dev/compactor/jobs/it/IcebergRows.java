package dev.compactor.jobs.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.data.IdentityPartitionConverters;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.mapping.NameMapping;
import org.apache.iceberg.mapping.NameMappingParser;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.util.PartitionUtil;

/**
 * Reads an Iceberg table with Iceberg's own generic Parquet reader, independent of the writer:
 * columns by the table's name mapping (the files carry no field IDs), identity partition columns
 * from the manifests, as engines do. IcebergGenerics is not used because it ignores the name
 * mapping, so nested columns of ID-less files fail there.
 */
final class IcebergRows {

  private IcebergRows() {}

  /** Every row of the snapshot, or of the current one when {@code snapshotId} is null. */
  static List<Record> read(Table table, Long snapshotId) {
    TableScan scan = table.newScan();
    if (snapshotId != null) {
      scan = scan.useSnapshot(snapshotId);
    }
    Schema projection = scan.schema();
    NameMapping mapping =
        NameMappingParser.fromJson(table.properties().get(TableProperties.DEFAULT_NAME_MAPPING));
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = scan.planFiles()) {
      for (FileScanTask task : tasks) {
        Map<Integer, ?> constants =
            PartitionUtil.constantsMap(task, IdentityPartitionConverters::convertConstant);
        try (CloseableIterable<Record> records =
            Parquet.read(table.io().newInputFile(task.file()))
                .project(projection)
                .withNameMapping(mapping)
                .split(task.start(), task.length())
                .createReaderFunc(
                    fileSchema ->
                        GenericParquetReaders.buildReader(projection, fileSchema, constants))
                .build()) {
          records.forEach(r -> rows.add(r.copy()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }
}

package dev.compactor.jobs.generate;

import dev.compactor.store.ObjectInfo;
import dev.compactor.store.ObjectStore;
import dev.compactor.store.StoreUri;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.SeekableByteArrayInput;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * Reads generated files back from a store with plain Avro, independent of the generator's own
 * bookkeeping: the tests derive every expectation from what this returns.
 */
final class StoredInputs {

  /** The reader schema users configure; every generated file must resolve to it. */
  static final Schema READER = parse(Path.of("..", "conf", "schemas", "clicks.avsc"));

  private static final Pattern PARTITION =
      Pattern.compile(".*/dt=(\\d{4}-\\d{2}-\\d{2})/hr=(\\d{2})/bucket=(\\d+)/([^/]+)$");

  /**
   * One stored file.
   *
   * @param relativeKey key below the input root
   * @param hour the folder's {@code yyyy-MM-ddTHH}
   * @param bucket the folder's bucket number
   * @param codec the container's {@code avro.codec}
   * @param writerSchema the schema the file was written with
   * @param records the records resolved to {@link #READER}
   */
  record StoredFile(
      String relativeKey,
      String hour,
      int bucket,
      String codec,
      Schema writerSchema,
      List<GenericRecord> records) {

    String name() {
      return relativeKey.substring(relativeKey.lastIndexOf('/') + 1);
    }
  }

  private StoredInputs() {}

  /** Every object under the root, key (relative to the root) to bytes, in key order. */
  static Map<String, byte[]> bytesByKey(ObjectStore store, StoreUri root) {
    Map<String, byte[]> result = new TreeMap<>();
    for (ObjectInfo info : store.list(root.prefix() + "/")) {
      result.put(info.key().substring(root.prefix().length() + 1), store.readAll(info.key()));
    }
    return result;
  }

  /** Every object under the root, decoded. */
  static List<StoredFile> read(ObjectStore store, StoreUri root) {
    List<StoredFile> files = new ArrayList<>();
    for (Map.Entry<String, byte[]> entry : bytesByKey(store, root).entrySet()) {
      files.add(decode(entry.getKey(), entry.getValue()));
    }
    return files;
  }

  private static StoredFile decode(String relativeKey, byte[] bytes) {
    Matcher m = PARTITION.matcher("/" + relativeKey);
    if (!m.matches()) {
      throw new AssertionError(relativeKey + " is not inside a dt=/hr=/bucket= partition folder");
    }
    try (DataFileReader<GenericRecord> reader =
        new DataFileReader<>(new SeekableByteArrayInput(bytes), new GenericDatumReader<>(READER))) {
      List<GenericRecord> records = new ArrayList<>();
      reader.forEach(records::add);
      return new StoredFile(
          relativeKey,
          m.group(1) + "T" + m.group(2),
          Integer.parseInt(m.group(3)),
          reader.getMetaString("avro.codec"),
          reader.getSchema(),
          records);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read back " + relativeKey, e);
    }
  }

  private static Schema parse(Path path) {
    try {
      return new Schema.Parser().parse(Files.readString(path));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the reader schema " + path.toAbsolutePath(), e);
    }
  }
}

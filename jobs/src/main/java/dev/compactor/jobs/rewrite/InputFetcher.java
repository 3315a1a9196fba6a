package dev.compactor.jobs.rewrite;

import dev.compactor.domain.InputFile;
import dev.compactor.domain.Quarantined;
import dev.compactor.jobs.rewrite.PartitionRewriter.RetryableInputException;
import dev.compactor.store.NoSuchObjectException;
import dev.compactor.store.ObjectInfo;
import dev.compactor.store.ObjectStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the input files of one partition rebuild and proves each is the version the plan
 * fingerprinted: its bytes must have the planned MD5.
 *
 * <p>One mismatch is not a change. Under SSE-KMS or SSE-C an S3 ETag is 32 hex digits but not the
 * content MD5, and with {@code s3.etag-is-md5=true} the plan took it for one. So when the planned
 * MD5 is the listed ETag, a HEAD decides: if the object still has that ETag and size, the bytes
 * read are that version, and only the assumption was wrong. They are accepted, and their true MD5
 * is remembered for the new manifest entry, where later runs find it and never read the file for it
 * again. If the ETag changed, so did the file.
 *
 * <p>One instance per rebuild; not thread-safe.
 */
final class InputFetcher {

  private final ObjectStore inputs;

  /** True MD5s of files whose ETag proved not to be their MD5, by key. */
  private final Map<String, String> trueMd5s = new HashMap<>();

  InputFetcher(ObjectStore inputs) {
    this.inputs = inputs;
  }

  /**
   * The file's bytes.
   *
   * @throws RetryableInputException when the file was deleted or replaced after it was listed
   */
  byte[] fetch(InputFile file, String uri) {
    byte[] bytes;
    try {
      bytes = inputs.readAll(file.key());
    } catch (NoSuchObjectException e) {
      throw deleted(uri);
    }
    String md5 = PartitionRewriter.md5(bytes);
    if (md5.equals(file.md5())) {
      return bytes;
    }
    if (file.md5().equals(file.etag()) && bytes.length == file.size() && unchanged(file, uri)) {
      trueMd5s.put(file.key(), md5);
      return bytes;
    }
    throw new RetryableInputException(
        uri
            + " changed while the run read it (MD5 "
            + md5
            + ", listed as "
            + file.md5()
            + "); the next run rebuilds the partition from its new content.");
  }

  /** How many files proved to have an ETag that is not their MD5. */
  int etagsNotMd5() {
    return trueMd5s.size();
  }

  /** {@code files} with the true MD5 of each one whose ETag proved not to be its MD5. */
  List<InputFile> withTrueMd5s(List<InputFile> files) {
    return files.stream()
        .map(
            f ->
                new InputFile(f.key(), f.size(), f.etag(), trueMd5s.getOrDefault(f.key(), f.md5())))
        .toList();
  }

  /** {@code quarantined} naming each file by its true MD5. */
  List<Quarantined> quarantinedWithTrueMd5s(List<Quarantined> quarantined) {
    return quarantined.stream()
        .map(q -> new Quarantined(q.key(), trueMd5s.getOrDefault(q.key(), q.md5()), q.reason()))
        .toList();
  }

  /** Whether the object still has the ETag and size it was listed with. */
  private boolean unchanged(InputFile file, String uri) {
    Optional<ObjectInfo> now = inputs.head(file.key());
    if (now.isEmpty()) {
      throw deleted(uri);
    }
    return now.get().etag().equals(file.etag()) && now.get().size() == file.size();
  }

  private static RetryableInputException deleted(String uri) {
    return new RetryableInputException(
        uri
            + " was deleted after it was listed; the partition is left as it was and the next run "
            + "rebuilds it from what is there then.");
  }
}

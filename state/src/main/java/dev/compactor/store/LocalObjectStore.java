package dev.compactor.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@link ObjectStore} on the local filesystem, for local runs and tests.
 *
 * <p>A key is an absolute path without its leading slash: key {@code tmp/x/a.avro} is the file
 * {@code /tmp/x/a.avro}. Writes go to a temporary file in the target's directory, are fsynced and
 * then renamed atomically over the target, so readers see the old or the new bytes, never a part.
 * {@link #putIfAbsent} and {@link #putIfMatch} are atomic between threads and processes (see {@link
 * KeyLock}); plain {@link #put} is last-writer-wins, as on S3. ETags are {@code
 * lm-<epochNanos>-<size>} of the file, never MD5s: callers that need a content hash compute it.
 * Deleting the last file of a directory removes the directories that became empty, as S3 has no
 * empty "directories" either.
 */
public final class LocalObjectStore implements ObjectStore {

  static final String TEMP_PREFIX = ".compactor-tmp-";

  /**
   * Top-level directories and their children (/data, /tmp/run-1) are left alone even when empty.
   */
  private static final int MIN_REMOVABLE_DEPTH = 3;

  public LocalObjectStore() {}

  @Override
  public List<ObjectInfo> list(String prefix) {
    if (prefix.isEmpty()) {
      throw new IllegalArgumentException(
          "Listing the whole local filesystem is not supported: pass a prefix");
    }
    try {
      return LocalListing.list(prefix);
    } catch (IOException e) {
      throw new StoreException("Cannot list " + uri(prefix) + ": " + reason(e), e);
    }
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    try {
      BasicFileAttributes attrs = Files.readAttributes(path(key), BasicFileAttributes.class);
      return attrs.isRegularFile() ? Optional.of(info(key, attrs)) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreException("Cannot read " + uri(key) + ": " + reason(e), e);
    }
  }

  @Override
  public InputStream open(String key) {
    try {
      return Files.newInputStream(path(key));
    } catch (NoSuchFileException e) {
      throw new NoSuchObjectException("Cannot read " + uri(key) + ": no such object", e);
    } catch (IOException e) {
      throw new StoreException("Cannot read " + uri(key) + ": " + reason(e), e);
    }
  }

  @Override
  public Optional<byte[]> readIfExists(String key) {
    try {
      return Optional.of(Files.readAllBytes(path(key)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreException("Cannot read " + uri(key) + ": " + reason(e), e);
    }
  }

  @Override
  public String put(String key, Path file) {
    Path target = path(key);
    return write(
        key,
        () -> LocalTempFiles.write(target, channel -> copy(file, channel)),
        temp -> replace(target, temp));
  }

  @Override
  public String put(String key, byte[] bytes) {
    Path target = path(key);
    return write(key, () -> LocalTempFiles.write(target, bytes), temp -> replace(target, temp));
  }

  @Override
  public String putIfAbsent(String key, byte[] bytes) {
    Path target = path(key);
    return write(
        key,
        () -> LocalTempFiles.write(target, bytes),
        temp -> KeyLock.holding(target, () -> link(key, target, temp)));
  }

  @Override
  public String putIfMatch(String key, byte[] bytes, String expectedEtag) {
    Path target = path(key);
    return write(
        key,
        () -> LocalTempFiles.write(target, bytes),
        temp -> KeyLock.holding(target, () -> replaceIfMatch(key, target, temp, expectedEtag)));
  }

  @Override
  public void delete(String key) {
    Path target = path(key);
    try {
      if (KeyLock.exists(target)) {
        // Conditional writes hold the lock between comparing and renaming: do not cut in. A key
        // without a lock file was never written conditionally, except by a putIfMatch creating it
        // right now; the compactor creates such keys with putIfAbsent, which a delete cannot upset.
        KeyLock.holding(target, () -> Files.deleteIfExists(target));
      } else {
        Files.deleteIfExists(target);
      }
    } catch (IOException e) {
      throw new StoreException("Cannot delete " + uri(key) + ": " + reason(e), e);
    }
    removeEmptyParents(key, target.getParent());
  }

  @Override
  public String uri(String key) {
    return "file:///" + key;
  }

  @Override
  public void close() {}

  /** Writes a temp file and commits it; whatever happens, no temp file is left behind. */
  private String write(String key, TempWriter writer, Commit commit) {
    Path temp = null;
    try {
      temp = writer.write();
      String etag = commit.apply(temp);
      // After a link (putIfAbsent) the temp name is still there; after a rename it is gone.
      Files.deleteIfExists(temp);
      return etag;
    } catch (IOException e) {
      StoreException failure = new StoreException("Cannot write " + uri(key) + ": " + reason(e), e);
      deleteAfterFailure(temp, failure);
      throw failure;
    } catch (RuntimeException e) {
      deleteAfterFailure(temp, e);
      throw e;
    }
  }

  private static void deleteAfterFailure(Path temp, RuntimeException failure) {
    if (temp != null) {
      LocalTempFiles.deleteAfterFailure(temp, failure);
    }
  }

  private String replace(Path target, Path temp) throws IOException {
    long previous = 0;
    try {
      previous = Files.getLastModifiedTime(target).to(TimeUnit.NANOSECONDS);
    } catch (NoSuchFileException e) {
      // A first write: any fresh time will do.
    }
    return replace(target, temp, previous);
  }

  private String replace(Path target, Path temp, long previousNanos) throws IOException {
    String etag = LocalTempFiles.stamp(temp, previousNanos);
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    LocalTempFiles.syncDirectory(target.getParent());
    return etag;
  }

  /** Under the key's lock: creates the object from {@code temp} unless one exists. */
  private String link(String key, Path target, Path temp) throws IOException {
    String etag = LocalTempFiles.stamp(temp, 0);
    try {
      // Linking fails when the target exists: an atomic create, even against a plain put.
      Files.createLink(target, temp);
    } catch (FileAlreadyExistsException e) {
      throw new PreconditionFailedException(
          "Cannot create " + uri(key) + ": an object already exists there", e);
    }
    LocalTempFiles.syncDirectory(target.getParent());
    return etag;
  }

  /** Under the key's lock: replaces the object with {@code temp} if its ETag is still expected. */
  private String replaceIfMatch(String key, Path target, Path temp, String expectedEtag)
      throws IOException {
    BasicFileAttributes current = currentAttributes(key, target, expectedEtag);
    String currentEtag = etag(current);
    if (!currentEtag.equals(expectedEtag)) {
      throw new PreconditionFailedException(
          String.format(
              "Cannot replace %s: it changed since ETag %s was read (now %s)",
              uri(key), expectedEtag, currentEtag),
          null);
    }
    return replace(target, temp, current.lastModifiedTime().to(TimeUnit.NANOSECONDS));
  }

  private BasicFileAttributes currentAttributes(String key, Path target, String expectedEtag)
      throws IOException {
    try {
      BasicFileAttributes attrs = Files.readAttributes(target, BasicFileAttributes.class);
      if (attrs.isRegularFile()) {
        return attrs;
      }
    } catch (NoSuchFileException e) {
      // Falls through: a missing object fails the precondition like on S3.
    }
    throw new PreconditionFailedException(
        "Cannot replace " + uri(key) + ": it was deleted after ETag " + expectedEtag + " was read",
        null);
  }

  private void removeEmptyParents(String key, Path dir) {
    for (Path d = dir; d != null && d.getNameCount() >= MIN_REMOVABLE_DEPTH; d = d.getParent()) {
      if (Files.isSymbolicLink(d)) {
        return; // Deleting would remove the link itself, whatever its target holds.
      }
      try {
        Files.delete(d);
      } catch (DirectoryNotEmptyException e) {
        return;
      } catch (NoSuchFileException e) {
        // Another delete removed it first; its parent may still be empty.
      } catch (IOException e) {
        throw new StoreException(
            "Deleted "
                + uri(key)
                + " but cannot remove the now empty directory "
                + d
                + ": "
                + reason(e),
            e);
      }
    }
  }

  private static void copy(Path source, FileChannel out) throws IOException {
    try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
      long size = in.size();
      for (long done = 0; done < size; ) {
        done += in.transferTo(done, size - done, out);
      }
    }
  }

  private static Path path(String key) {
    Path path = Path.of("/" + key);
    if (key.isEmpty() || !path.normalize().toString().equals("/" + key)) {
      throw new IllegalArgumentException(
          "'"
              + key
              + "' is not a local key: use an absolute, normalized path without its leading slash");
    }
    return path;
  }

  /** A readable reason for an I/O failure: NIO's own messages are often just a path. */
  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException n) {
      return n.getFile() + ": no such file or directory";
    }
    if (e instanceof java.nio.file.AccessDeniedException a) {
      return a.getFile() + ": permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  static ObjectInfo info(String key, BasicFileAttributes attrs) {
    return new ObjectInfo(key, attrs.size(), etag(attrs), attrs.lastModifiedTime().toInstant());
  }

  /** The local ETag: last-modified time in epoch nanoseconds and size. */
  static String etag(BasicFileAttributes attrs) {
    FileTime modified = attrs.lastModifiedTime();
    return "lm-" + modified.to(TimeUnit.NANOSECONDS) + "-" + attrs.size();
  }

  private interface TempWriter {
    Path write() throws IOException;
  }

  /** Makes the temp file the object; returns its ETag. */
  private interface Commit {
    String apply(Path temp) throws IOException;
  }
}

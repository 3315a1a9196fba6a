package dev.compactor.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The file-level steps of a local write: a durable temporary file beside the target, its
 * last-modified stamp, and syncing the directory after a rename so the rename survives a crash.
 */
final class LocalTempFiles {

  /** Writes the content of a temporary file. */
  interface Content {
    void writeTo(FileChannel channel) throws IOException;
  }

  private static final int ATTEMPTS = 3;

  private LocalTempFiles() {}

  /**
   * A fsynced temporary file in {@code target}'s directory (created if needed) holding {@code
   * bytes}.
   */
  static Path write(Path target, byte[] bytes) throws IOException {
    return write(
        target,
        channel -> {
          ByteBuffer buffer = ByteBuffer.wrap(bytes);
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
        });
  }

  /**
   * A fsynced temporary file in {@code target}'s directory (created if needed) holding {@code
   * content}.
   */
  static Path write(Path target, Content content) throws IOException {
    Path dir = target.getParent();
    for (int attempt = 1; ; attempt++) {
      Files.createDirectories(dir);
      Path temp = dir.resolve(LocalObjectStore.TEMP_PREFIX + UUID.randomUUID());
      try {
        writeAndSync(temp, content);
        return temp;
      } catch (NoSuchFileException e) {
        // A delete that emptied the directory removed it after createDirectories: try again.
        if (Files.isDirectory(dir) || attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /**
   * Sets the temp file's last-modified time to a fresh {@link ModificationClock} value after {@code
   * previousNanos} and returns the ETag it will have under its final name (a rename keeps both).
   */
  static String stamp(Path temp, long previousNanos) throws IOException {
    FileTime time = FileTime.from(ModificationClock.next(previousNanos), TimeUnit.NANOSECONDS);
    Files.getFileAttributeView(temp, BasicFileAttributeView.class).setTimes(time, null, null);
    return LocalObjectStore.etag(Files.readAttributes(temp, BasicFileAttributes.class));
  }

  /** Makes a rename or link in {@code dir} durable. */
  static void syncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /**
   * Deletes a temp file that a failed write left, adding any failure to delete it to {@code
   * failure}.
   */
  static void deleteAfterFailure(Path temp, Throwable failure) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  private static void writeAndSync(Path temp, Content content) throws IOException {
    try (FileChannel channel =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      content.writeTo(channel);
      // Durable before it becomes visible: after a crash readers find old or new bytes, no hole.
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      deleteAfterFailure(temp, e);
      throw e;
    }
  }
}

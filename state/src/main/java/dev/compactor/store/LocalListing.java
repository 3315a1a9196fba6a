package dev.compactor.store;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Lists local files as S3 lists keys: every regular file whose key starts with the prefix, in key
 * order, without the store's own temporary and lock files.
 *
 * <p>The walk starts at the longest directory part of the prefix and descends only into directories
 * that can hold matching keys, so prefix {@code tmp/x} reads {@code /tmp} itself but not its
 * unrelated subdirectories.
 */
final class LocalListing extends SimpleFileVisitor<Path> {

  private final Path base;
  private final String prefix;
  private final List<ObjectInfo> found = new ArrayList<>();

  private LocalListing(Path base, String prefix) {
    this.base = base;
    this.prefix = prefix;
  }

  /** The objects under {@code prefix} (not empty), sorted by key. */
  static List<ObjectInfo> list(String prefix) throws IOException {
    int slash = prefix.lastIndexOf('/');
    Path base = Path.of("/" + (slash < 0 ? "" : prefix.substring(0, slash)));
    if (!Files.isDirectory(base)) {
      return List.of();
    }
    LocalListing listing = new LocalListing(base, prefix);
    // Links are followed so that a root reached through a symlink lists like any other.
    Files.walkFileTree(base, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, listing);
    listing.found.sort(KeyOrder.OBJECTS);
    return listing.found;
  }

  @Override
  public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
    String dirKey = key(dir) + "/";
    boolean relevant = dir.equals(base) || dirKey.startsWith(prefix) || prefix.startsWith(dirKey);
    return relevant ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
  }

  @Override
  public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
    String key = key(file);
    if (attrs.isRegularFile() && !isInternal(file) && key.startsWith(prefix)) {
      found.add(LocalObjectStore.info(key, attrs));
    }
    return FileVisitResult.CONTINUE;
  }

  @Override
  public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
    if (e instanceof NoSuchFileException) {
      return FileVisitResult.CONTINUE; // Deleted while we walked: not part of the listing.
    }
    throw e;
  }

  private static boolean isInternal(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith(LocalObjectStore.TEMP_PREFIX) || name.startsWith(KeyLock.PREFIX);
  }

  private static String key(Path path) {
    return path.toString().substring(1);
  }
}

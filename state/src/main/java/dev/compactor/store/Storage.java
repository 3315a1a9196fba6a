package dev.compactor.store;

import dev.compactor.config.CompactorConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The three roots a job touches, each with the store it lives in: inputs (read-only), outputs, and
 * state (manifests, run reports, locks).
 */
public record Storage(Root input, Root output, Root state) implements AutoCloseable {

  /**
   * A root URI and the store that holds it. Its operations take keys relative to the root, as
   * {@link dev.compactor.layout.Layout} builds them; listings and manifests carry full keys, which
   * go to {@link #store()} directly.
   */
  public record Root(StoreUri uri, ObjectStore store) {

    /** The full key of {@code relative} in the store. */
    public String key(String relative) {
      return uri.key(relative);
    }

    /** {@code fullKey} relative to this root. */
    public String relative(String fullKey) {
      String root = uri.key("");
      return root.isEmpty() ? fullKey : fullKey.substring(root.length() + 1);
    }

    public String uriOf(String relative) {
      return store.uri(key(relative));
    }

    /**
     * Every object inside the folder {@code relativeFolder} (not merely sharing its name's prefix).
     */
    public List<ObjectInfo> listFolder(String relativeFolder) {
      return store.list(key(relativeFolder) + "/");
    }

    /**
     * The object, only if a LIST shows it: under a prefix-limited grant a GET of a missing key is
     * 403.
     */
    public Optional<byte[]> readIfListed(String relative) {
      String key = key(relative);
      boolean listed = store.list(key).stream().anyMatch(o -> o.key().equals(key));
      return listed ? store.readIfExists(key) : Optional.empty();
    }

    public Optional<byte[]> readIfExists(String relative) {
      return store.readIfExists(key(relative));
    }

    public byte[] readAll(String relative) {
      return store.readAll(key(relative));
    }

    public Optional<ObjectInfo> head(String relative) {
      return store.head(key(relative));
    }

    public String put(String relative, byte[] bytes) {
      return store.put(key(relative), bytes);
    }

    public String put(String relative, Path file) {
      return store.put(key(relative), file);
    }

    /** See {@link ObjectStore#putIfAbsent}. */
    public String putIfAbsent(String relative, byte[] bytes) {
      return store.putIfAbsent(key(relative), bytes);
    }

    /** See {@link ObjectStore#putIfMatch}. */
    public String putIfMatch(String relative, byte[] bytes, String expectedEtag) {
      return store.putIfMatch(key(relative), bytes, expectedEtag);
    }

    public void delete(String relative) {
      store.delete(key(relative));
    }
  }

  public static Storage open(CompactorConfig config) {
    return new Storage(
        new Root(config.inputRoot(), ObjectStores.open(config.inputRoot(), config.s3())),
        new Root(config.outputRoot(), ObjectStores.open(config.outputRoot(), config.s3())),
        new Root(config.stateRoot(), ObjectStores.open(config.stateRoot(), config.s3())));
  }

  @Override
  public void close() {
    input.store().close();
    output.store().close();
    state.store().close();
  }
}

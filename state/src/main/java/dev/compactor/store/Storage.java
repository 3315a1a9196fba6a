package dev.compactor.store;

import dev.compactor.config.CompactorConfig;

/**
 * The three roots a job touches, each with the store it lives in: inputs (read-only), outputs, and
 * state (manifests, run reports, locks).
 */
public record Storage(Root input, Root output, Root state) implements AutoCloseable {

  /** A root URI and the store that holds it. Keys passed in are relative to the root. */
  public record Root(StoreUri uri, ObjectStore store) {
    public String key(String relative) {
      return uri.key(relative);
    }

    public String uriOf(String relative) {
      return store.uri(key(relative));
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

package dev.compactor.jobs.backfill;

import dev.compactor.domain.Window;
import dev.compactor.manifest.ManifestCodec;
import dev.compactor.store.Storage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which chunks of a backfill are done, kept in the state store so a backfill run again after a crash
 * or a kill skips them (they are committed; with {@code --force} they would otherwise be rebuilt
 * again). The record is keyed by event type, range and force, and deleted when the backfill finishes.
 */
final class BackfillProgress {

  /** The stored form. */
  record Record(String eventType, String range, boolean force, List<String> doneChunks) {}

  private final Storage storage;
  private final String key;
  private final Record initial;
  private final List<String> done;

  private BackfillProgress(Storage storage, String key, Record record) {
    this.storage = storage;
    this.key = key;
    this.initial = record;
    this.done = new ArrayList<>(record.doneChunks());
  }

  static BackfillProgress load(Storage storage, BackfillRequest request) {
    String name =
        request.range().first() + "--" + request.range().last() + (request.force() ? "--force" : "") + ".json";
    String key = storage.state().key("_backfills/" + request.eventType() + "/" + name);
    // Listed before it is read: a GET of a missing key is a 403, not a 404, under a ListBucket
    // grant limited by s3:prefix, which is all the job policy gives.
    boolean exists = storage.state().store().list(key).stream().anyMatch(o -> o.key().equals(key));
    Record record =
        (exists ? storage.state().store().readIfExists(key) : Optional.<byte[]>empty())
            .map(bytes -> decode(bytes, storage.state().store().uri(key)))
            .orElse(new Record(request.eventType(), request.range().toString(), request.force(), List.of()));
    return new BackfillProgress(storage, key, record);
  }

  boolean isDone(Window chunk) {
    return done.contains(chunk.toString());
  }

  int doneCount() {
    return done.size();
  }

  void markDone(Window chunk) {
    if (done.contains(chunk.toString())) {
      return; // a chunk done before and run again because it changed since
    }
    done.add(chunk.toString());
    storage.state().store().put(
        key, ManifestCodec.write(new Record(initial.eventType(), initial.range(), initial.force(), done)));
  }

  /** The whole range is done: the next backfill of it starts from scratch. */
  void finish() {
    storage.state().store().delete(key);
  }

  String uri() {
    return storage.state().store().uri(key);
  }

  private static Record decode(byte[] bytes, String uri) {
    try {
      return ManifestCodec.mapper().readValue(bytes, Record.class);
    } catch (IOException e) {
      throw new IllegalStateException(
          uri + " is not a backfill progress record (" + e.getMessage() + "); delete it to start over", e);
    }
  }
}

package dev.compactor.jobs.backfill;

import dev.compactor.domain.Window;
import dev.compactor.layout.Layout;
import dev.compactor.manifest.ManifestCodec;
import dev.compactor.store.Storage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which chunks of a backfill are done, kept in the state store so a backfill run again after a
 * crash or a kill skips them (they are committed; with {@code --force} they would otherwise be
 * rebuilt again). The record is keyed by event type, range and force, and deleted when the backfill
 * finishes.
 */
final class BackfillProgress {

  /** The stored form. */
  record Record(String eventType, String range, boolean force, List<String> doneChunks) {}

  private final Storage.Root state;
  private final String key;
  private final Record initial;
  private final List<String> done;

  private BackfillProgress(Storage.Root state, String key, Record record) {
    this.state = state;
    this.key = key;
    this.initial = record;
    this.done = new ArrayList<>(record.doneChunks());
  }

  static BackfillProgress load(Storage.Root state, Layout layout, BackfillRequest request) {
    String key = layout.backfillProgressKey(request.range(), request.force());
    // Listed before it is read: a GET of a missing key is a 403, not a 404, under a ListBucket
    // grant limited by s3:prefix, which is all the job policy gives.
    Record record =
        state
            .readIfListed(key)
            .map(bytes -> decode(bytes, state.uriOf(key)))
            .orElse(
                new Record(
                    request.eventType(), request.range().toString(), request.force(), List.of()));
    return new BackfillProgress(state, key, record);
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
    state.put(
        key,
        ManifestCodec.write(
            new Record(initial.eventType(), initial.range(), initial.force(), done)));
  }

  /** The whole range is done: the next backfill of it starts from scratch. */
  void finish() {
    state.delete(key);
  }

  String uri() {
    return state.uriOf(key);
  }

  private static Record decode(byte[] bytes, String uri) {
    try {
      return ManifestCodec.mapper().readValue(bytes, Record.class);
    } catch (IOException e) {
      throw new IllegalStateException(
          uri
              + " is not a backfill progress record ("
              + e.getMessage()
              + "); delete it to start over",
          e);
    }
  }
}

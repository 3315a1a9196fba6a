package dev.compactor.jobs.it;

import dev.compactor.store.NoSuchObjectException;
import dev.compactor.store.Storage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Every object a run leaves under the output and state roots, as key (relative to its root) to
 * content digest, for comparing a recovered run with a reference run.
 *
 * <p>Left out, because they legitimately differ between any two runs: run reports ({@code _runs/},
 * one per run, named by run ID and holding timestamps) and the lock ({@code _locks/}, deleted at
 * the end of a run, left behind by a killed one). Inside a manifest only the {@code runId} values
 * are masked: they name the run that built each partition, and after a crash some partitions were
 * built by the killed run and some by the rerun. Every other byte, of data files and manifests,
 * must be equal.
 */
record StoreSnapshot(Map<String, String> objects) {

  private static final Pattern RUN_ID = Pattern.compile("(\"runId\"\\s*:\\s*)\"[^\"]*\"");

  static StoreSnapshot of(Storage storage) {
    Map<String, String> objects = new TreeMap<>();
    add(storage.output(), "output/", objects);
    add(storage.state(), "state/", objects);
    return new StoreSnapshot(objects);
  }

  /**
   * The keys whose content differs, or that only one of the two snapshots has; empty when equal.
   */
  List<String> differencesFrom(StoreSnapshot other) {
    Set<String> keys = new TreeSet<>(objects.keySet());
    keys.addAll(other.objects.keySet());
    return keys.stream()
        .filter(k -> !Objects.equals(objects.get(k), other.objects.get(k)))
        .map(
            k ->
                k
                    + (objects.containsKey(k)
                        ? other.objects.containsKey(k) ? " differs" : " missing"
                        : " extra"))
        .toList();
  }

  /** How many objects a run has published so far (data files and manifests). */
  static int published(Storage storage) {
    int count = 0;
    for (Storage.Root root : new Storage.Root[] {storage.output(), storage.state()}) {
      String prefix = root.key("") + "/";
      count +=
          (int)
              root.store().list(prefix).stream()
                  .map(o -> o.key().substring(prefix.length()))
                  .filter(StoreSnapshot::comparable)
                  .count();
    }
    return count;
  }

  private static boolean comparable(String relative) {
    return !relative.startsWith("_runs/") && !relative.startsWith("_locks/");
  }

  /** Deletes everything under the output and state roots, so the next run starts from nothing. */
  static void wipe(Storage storage) {
    for (Storage.Root root : new Storage.Root[] {storage.output(), storage.state()}) {
      root.store().list(root.key("") + "/").forEach(o -> root.store().delete(o.key()));
    }
  }

  private static void add(Storage.Root root, String label, Map<String, String> objects) {
    String prefix = root.key("") + "/";
    for (var info : root.store().list(prefix)) {
      String relative = info.key().substring(prefix.length());
      if (!comparable(relative)) {
        continue;
      }
      byte[] bytes;
      try {
        bytes = root.store().readAll(info.key());
      } catch (NoSuchObjectException e) {
        // Listed, then gone before the read: the test S3 server's temporary object of an upload in
        // flight (real S3 never lists those), renamed into place meanwhile. Not part of any state.
        continue;
      }
      if (relative.endsWith(".json")) {
        String masked =
            RUN_ID.matcher(new String(bytes, StandardCharsets.UTF_8)).replaceAll("$1\"<run>\"");
        bytes = masked.getBytes(StandardCharsets.UTF_8);
      }
      objects.put(label + relative, sha256(bytes));
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

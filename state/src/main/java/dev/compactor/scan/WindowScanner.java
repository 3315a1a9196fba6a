package dev.compactor.scan;

import dev.compactor.config.EventTypeConfig;
import dev.compactor.config.ParquetTable;
import dev.compactor.domain.Hour;
import dev.compactor.domain.InputFile;
import dev.compactor.domain.PartitionId;
import dev.compactor.domain.Window;
import dev.compactor.layout.InputLayout;
import dev.compactor.layout.Layout;
import dev.compactor.manifest.HourManifest;
import dev.compactor.manifest.ManifestCodec;
import dev.compactor.manifest.PartitionEntry;
import dev.compactor.plan.Listing;
import dev.compactor.store.NoSuchObjectException;
import dev.compactor.store.ObjectInfo;
import dev.compactor.store.Storage;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Reads what planning needs, and nothing more: one paginated LIST per input hour prefix, one LIST
 * per output day folder, and the window's manifests, all in parallel. No data file is read, except
 * to compute the MD5 of a file whose ETag is not one and whose MD5 no manifest remembers.
 */
public final class WindowScanner {

  /** I/O-bound: many concurrent requests, few cores. */
  private static final int THREADS = 16;

  private final Storage storage;
  private final EventTypeConfig config;
  private final boolean etagIsMd5;
  private final InputLayout inputLayout;
  private final Layout layout;
  private final AtomicLong listRequests = new AtomicLong();

  public WindowScanner(Storage storage, EventTypeConfig config, boolean etagIsMd5) {
    this.storage = storage;
    this.config = config;
    this.etagIsMd5 = etagIsMd5;
    this.inputLayout = config.input();
    this.layout = config.layout();
  }

  public WindowScan scan(Window window) {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS, daemonThreads());
    try {
      List<Hour> hours = window.hours();
      Map<String, String> existingManifests = listManifests(window);
      Map<Hour, CompletableFuture<Optional<HourManifest>>> manifests = new TreeMap<>();
      Map<Hour, CompletableFuture<List<ObjectInfo>>> inputListings = new TreeMap<>();
      for (Hour hour : hours) {
        manifests.put(
            hour, CompletableFuture.supplyAsync(() -> readManifest(hour, existingManifests), pool));
        inputListings.put(hour, CompletableFuture.supplyAsync(() -> listInputs(hour), pool));
      }
      CompletableFuture<Listing.Outputs> outputs =
          CompletableFuture.supplyAsync(() -> listOutputs(window), pool);

      Map<Hour, HourManifest> built = new TreeMap<>();
      manifests.forEach((hour, f) -> join(f).ifPresent(m -> built.put(hour, m)));
      Md5Resolver md5s =
          new Md5Resolver(storage.input().store(), etagIsMd5, knownMd5s(built.values()));
      List<String> ignored = new ArrayList<>();
      List<String> unexpected = new ArrayList<>();
      Map<String, Instant> modified = new HashMap<>();
      Map<PartitionId, List<InputFile>> inputs = new ConcurrentHashMap<>();
      List<CompletableFuture<Void>> fingerprinting = new ArrayList<>();
      for (Hour hour : hours) {
        String hourPrefix = inputLayout.hourPrefix(config.name(), hour) + "/";
        for (ObjectInfo object : join(inputListings.get(hour))) {
          if (isIgnored(object)) {
            ignored.add(object.key());
            continue;
          }
          OptionalInt bucket = bucketOf(hourPrefix, object);
          if (bucket.isEmpty()) {
            unexpected.add(object.key());
            continue;
          }
          PartitionId id = new PartitionId(hour, bucket.getAsInt());
          modified.put(object.key(), object.lastModified());
          fingerprinting.add(
              CompletableFuture.runAsync(() -> fingerprint(md5s, object, id, inputs), pool));
        }
      }
      fingerprinting.forEach(WindowScanner::join);
      Map<PartitionId, List<InputFile>> sorted = new HashMap<>();
      inputs.forEach(
          (id, files) ->
              sorted.put(id, files.stream().sorted(Comparator.comparing(InputFile::key)).toList()));
      return new WindowScan(
          new Listing(sorted, join(outputs), ignored, unexpected),
          built,
          listRequests.get(),
          md5s.computed(),
          md5s.bytesStreamed(),
          modified,
          manifestEtags(built.keySet(), existingManifests));
    } finally {
      pool.shutdownNow();
    }
  }

  private static void fingerprint(
      Md5Resolver md5s, ObjectInfo object, PartitionId id, Map<PartitionId, List<InputFile>> into) {
    try {
      InputFile file = md5s.resolve(object);
      into.computeIfAbsent(id, k -> Collections.synchronizedList(new ArrayList<>())).add(file);
    } catch (NoSuchObjectException e) {
      // Deleted between listing and reading: it is no longer an input, exactly as if not listed.
    }
  }

  /** Folder markers and names the ignore pattern matches are not data. */
  private boolean isIgnored(ObjectInfo object) {
    return object.key().endsWith("/") || config.ignores(object.name());
  }

  /**
   * The bucket whose folder holds {@code object} directly, or empty when it sits anywhere else.
   *
   * @param hourPrefix the hour's prefix and a slash, built once per hour (not once per object)
   */
  private OptionalInt bucketOf(String hourPrefix, ObjectInfo object) {
    return inputLayout.bucketOf(
        storage.input().relative(object.key()).substring(hourPrefix.length()));
  }

  private List<ObjectInfo> listInputs(Hour hour) {
    List<ObjectInfo> objects =
        storage.input().listFolder(inputLayout.hourPrefix(config.name(), hour));
    listRequests.addAndGet(pages(objects.size()));
    return objects;
  }

  /**
   * Lists output day folders (not hours): a day of 32 buckets is under one LIST page per format.
   */
  private Listing.Outputs listOutputs(Window window) {
    Map<String, ObjectInfo> outputs = new HashMap<>();
    Map<PartitionId, Set<String>> byPartition = new HashMap<>();
    TreeSet<LocalDate> days = new TreeSet<>();
    window.hours().forEach(h -> days.add(h.date()));
    List<Function<LocalDate, String>> folders =
        config.parquetTable() == ParquetTable.ICEBERG
            ? List.of(d -> layout.dayFolder(Layout.AVRO, d), layout::tableDayFolder)
            : List.of(
                d -> layout.dayFolder(Layout.AVRO, d), d -> layout.dayFolder(Layout.PARQUET, d));
    for (Function<LocalDate, String> folder : folders) {
      for (LocalDate day : days) {
        // Table data files are listed so the manifests' outputs can be checked, but they name no
        // partition: files older snapshots reference are retention's to delete, never strays.
        List<ObjectInfo> objects = storage.output().listFolder(folder.apply(day));
        listRequests.addAndGet(pages(objects.size()));
        for (ObjectInfo o : objects) {
          outputs.put(o.key(), o);
          layout
              .partitionOf(storage.output().relative(o.key()))
              .ifPresent(p -> byPartition.computeIfAbsent(p, k -> new TreeSet<>()).add(o.key()));
        }
      }
    }
    return new Listing.Outputs(outputs, byPartition);
  }

  /**
   * The keys of the window's manifests, one LIST per day. Reading only listed manifests is cheaper
   * than a GET per hour, and a GET of a missing key needs s3:ListBucket without a prefix condition
   * to be told 404 rather than 403 AccessDenied; a LIST under the state prefix needs only what the
   * job policy grants.
   */
  private Map<String, String> listManifests(Window window) {
    Map<String, String> keys = new HashMap<>();
    TreeSet<LocalDate> days = new TreeSet<>();
    window.hours().forEach(h -> days.add(h.date()));
    for (LocalDate day : days) {
      List<ObjectInfo> objects = storage.state().listFolder(layout.manifestDayFolder(day));
      listRequests.addAndGet(pages(objects.size()));
      objects.forEach(o -> keys.put(o.key(), o.etag()));
    }
    return keys;
  }

  private Map<Hour, String> manifestEtags(Set<Hour> hours, Map<String, String> listed) {
    Map<Hour, String> etags = new HashMap<>();
    hours.forEach(h -> etags.put(h, listed.get(storage.state().key(layout.manifestKey(h)))));
    return etags;
  }

  private Optional<HourManifest> readManifest(Hour hour, Map<String, String> existing) {
    String key = layout.manifestKey(hour);
    if (!existing.containsKey(storage.state().key(key))) {
      return Optional.empty();
    }
    return storage
        .state()
        .readIfExists(key)
        .map(bytes -> ManifestCodec.decode(bytes, storage.state().uriOf(key)));
  }

  private static Map<Md5Resolver.FileVersion, String> knownMd5s(
      Collection<HourManifest> manifests) {
    Map<Md5Resolver.FileVersion, String> known = new HashMap<>();
    for (HourManifest m : manifests) {
      for (PartitionEntry p : m.partitions()) {
        for (InputFile f : p.inputs()) {
          known.put(new Md5Resolver.FileVersion(f.key(), f.size(), f.etag()), f.md5());
        }
      }
    }
    return known;
  }

  private static long pages(int keys) {
    return Math.max(1, (keys + 999) / 1000);
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicLong n = new AtomicLong();
    return r -> {
      Thread t = new Thread(r, "scan-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}

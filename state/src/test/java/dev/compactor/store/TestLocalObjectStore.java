package dev.compactor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestLocalObjectStore extends ObjectStoreContract {

  private static final int RACERS = 8;

  @TempDir Path dir;

  private final LocalObjectStore store = new LocalObjectStore();

  @Override
  protected ObjectStore store() {
    return store;
  }

  @Override
  protected String root() {
    return dir.toString().substring(1);
  }

  @AfterEach
  void noTemporaryFilesAreLeft() throws Exception {
    try (var paths = Files.walk(dir)) {
      assertThat(paths.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith(LocalObjectStore.TEMP_PREFIX));
    }
  }

  @Test
  void keysArePathsWithoutTheLeadingSlash() throws Exception {
    store.put(key("a/b.avro"), bytes("x"));

    assertThat(dir.resolve("a/b.avro")).hasContent("x");
    assertThat(store.uri(key("a/b.avro"))).isEqualTo("file://" + dir + "/a/b.avro");
  }

  @Test
  void etagIsModificationTimeAndSizeNotAnMd5() {
    String etag = store.put(key("e"), bytes("hello"));

    assertThat(etag).matches("lm-\\d{19}-5");
  }

  @Test
  void everyWriteOfTheSameBytesGetsANewEtag() {
    Set<String> etags = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      etags.add(store.put(key("same"), bytes("same size")));
    }

    assertThat(etags).hasSize(50);
  }

  @Test
  void temporaryAndLockFilesAreNotListed() throws Exception {
    store.putIfAbsent(key("locked"), bytes("x"));
    Files.write(dir.resolve(LocalObjectStore.TEMP_PREFIX + "stray"), bytes("half"));

    assertThat(store.list(root() + "/")).extracting(ObjectInfo::key).containsExactly(key("locked"));
    Files.delete(dir.resolve(LocalObjectStore.TEMP_PREFIX + "stray"));
  }

  @Test
  void deleteRemovesDirectoriesThatBecameEmptyUpToTheFirstNonEmptyOne() throws Exception {
    store.put(key("t/dt=1/hr=2/f.avro"), bytes("x"));
    store.put(key("t/keep.avro"), bytes("y"));

    store.delete(key("t/dt=1/hr=2/f.avro"));

    assertThat(dir.resolve("t/dt=1")).doesNotExist();
    assertThat(dir.resolve("t/keep.avro")).exists();
    store.delete(key("t/keep.avro"));
    assertThat(dir.resolve("t")).doesNotExist();
    assertThat(dir).as("directories two levels below / stay").exists();
  }

  @Test
  void concurrentPutIfAbsentHasExactlyOneWinner() throws Exception {
    List<Callable<String>> racers = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      byte[] content = bytes("racer " + i);
      racers.add(() -> store.putIfAbsent(key("lease"), content));
    }

    List<Throwable> failures = race(racers);

    assertThat(failures)
        .hasSize(RACERS - 1)
        .allMatch(PreconditionFailedException.class::isInstance);
  }

  @Test
  void concurrentPutIfMatchFromTheSameEtagHasExactlyOneWinner() throws Exception {
    String etag = store.put(key("manifest"), bytes("v0"));
    List<Callable<String>> racers = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      byte[] content = bytes("v" + (i + 1));
      racers.add(() -> store.putIfMatch(key("manifest"), content, etag));
    }

    List<Throwable> failures = race(racers);

    assertThat(failures)
        .hasSize(RACERS - 1)
        .allMatch(PreconditionFailedException.class::isInstance);
  }

  @Test
  void keysMustBeNormalizedPaths() {
    assertThatThrownBy(() -> store.put(root() + "/../escape", bytes("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a local key");
  }

  @Test
  void listingTheWholeFilesystemIsRefused() {
    assertThatThrownBy(() -> store.list(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pass a prefix");
  }

  /** Starts all callables at once; returns the failures of the losers. */
  private static List<Throwable> race(List<Callable<String>> racers) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(racers.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<String>> results = new ArrayList<>();
      for (Callable<String> racer : racers) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return racer.call();
                }));
      }
      start.countDown();
      List<Throwable> failures = new ArrayList<>();
      for (Future<String> result : results) {
        try {
          result.get();
        } catch (ExecutionException e) {
          failures.add(e.getCause());
        }
      }
      return failures;
    } finally {
      pool.shutdownNow();
    }
  }
}

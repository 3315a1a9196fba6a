package dev.compactor.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conditional local writes race from separate JVMs, where only the OS file lock and the hard link
 * keep them apart (threads of one JVM also queue on an in-JVM lock).
 */
class ITLocalObjectStoreAcrossProcesses {

  private static final int PROCESSES = 4;
  private static final int WON = 0;
  private static final int LOST = 3;

  @TempDir Path dir;

  @Test
  void exactlyOneProcessCreatesTheKey() throws Exception {
    String key = dir.resolve("lease").toString().substring(1);

    assertThat(race("absent", key, "")).containsOnlyOnce(WON).containsOnly(WON, LOST);
  }

  @Test
  void exactlyOneProcessReplacesTheKeyFromTheSameEtag() throws Exception {
    String key = dir.resolve("manifest").toString().substring(1);
    String etag = new LocalObjectStore().put(key, "v0".getBytes(UTF_8));

    assertThat(race("match", key, etag)).containsOnlyOnce(WON).containsOnly(WON, LOST);
  }

  /** Starts the racers, lets them go at once, returns their exit codes. */
  private List<Integer> race(String mode, String key, String etag) throws Exception {
    Path go = dir.resolve("go");
    List<Process> racers = new ArrayList<>();
    for (int i = 0; i < PROCESSES; i++) {
      racers.add(
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  Racer.class.getName(),
                  go.toString(),
                  mode,
                  key,
                  etag,
                  "racer " + i)
              .inheritIO()
              .start());
    }
    Files.createFile(go);
    List<Integer> exits = new ArrayList<>();
    for (Process racer : racers) {
      assertThat(racer.waitFor(30, TimeUnit.SECONDS)).as("racer finished").isTrue();
      exits.add(racer.exitValue());
    }
    return exits;
  }

  /** One racing process: waits for the start file, writes once, exits 0 if it won and 3 if not. */
  public static final class Racer {
    public static void main(String[] args) throws Exception {
      Path go = Path.of(args[0]);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!Files.exists(go) && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      byte[] content = args[4].getBytes(UTF_8);
      LocalObjectStore store = new LocalObjectStore();
      try {
        if (args[1].equals("absent")) {
          store.putIfAbsent(args[2], content);
        } else {
          store.putIfMatch(args[2], content, args[3]);
        }
      } catch (PreconditionFailedException e) {
        System.exit(LOST);
      }
      System.exit(WON);
    }
  }
}

package dev.compactor.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link ObjectStore} contract, run against every implementation: subclasses supply the store
 * and a root prefix that no other test uses.
 */
abstract class ObjectStoreContract {

  @TempDir Path scratch;

  /** The store under test. */
  protected abstract ObjectStore store();

  /** A key prefix (without trailing slash) that is empty when the test starts. */
  protected abstract String root();

  protected String key(String relative) {
    return root() + "/" + relative;
  }

  @Test
  void listReturnsEveryKeyUnderThePrefixInKeyOrder() {
    String b = store().put(key("a/b.avro"), bytes("bb"));
    String a = store().put(key("a/a.avro"), bytes("a"));
    store().put(key("a/sub/c.avro"), bytes("ccc"));
    store().put(key("ab/d.avro"), bytes("dddd"));
    store().put(key("b/e.avro"), bytes("e"));

    List<ObjectInfo> listed = store().list(key("a/"));

    assertThat(listed)
        .extracting(ObjectInfo::key)
        .containsExactly(key("a/a.avro"), key("a/b.avro"), key("a/sub/c.avro"));
    assertThat(listed).extracting(ObjectInfo::size).containsExactly(1L, 2L, 3L);
    assertThat(listed).extracting(ObjectInfo::etag).startsWith(a, b);
    assertThat(listed.get(0).lastModified()).isNotNull();
  }

  @Test
  void aPrefixWithoutTrailingSlashAlsoMatchesSiblingsThatStartWithIt() {
    store().put(key("a/x"), bytes("1"));
    store().put(key("ab/y"), bytes("2"));
    store().put(key("b/z"), bytes("3"));

    assertThat(store().list(key("a")))
        .extracting(ObjectInfo::key)
        .containsExactly(key("a/x"), key("ab/y"));
  }

  @Test
  void keyOrderIsUtf8ByteOrderNotUtf16Order() {
    String replacement = key("sort/\uFFFD");
    String emoji = key("sort/\uD83D\uDE00");
    store().put(emoji, bytes("1"));
    store().put(replacement, bytes("2"));

    assertThat(store().list(key("sort/")))
        .extracting(ObjectInfo::key)
        .containsExactly(replacement, emoji);
  }

  @Test
  void listOfAPrefixWithNothingUnderItIsEmpty() {
    assertThat(store().list(key("nothing/here/"))).isEmpty();
  }

  @Test
  void headReportsSizeAndTheEtagThePutReturned() {
    String etag = store().put(key("h.avro"), bytes("hello"));

    ObjectInfo info = store().head(key("h.avro")).orElseThrow();

    assertThat(info.key()).isEqualTo(key("h.avro"));
    assertThat(info.size()).isEqualTo(5);
    assertThat(info.etag()).isEqualTo(etag).doesNotContain("\"");
  }

  @Test
  void headAndReadIfExistsOfAMissingKeyAreEmpty() {
    assertThat(store().head(key("missing"))).isEmpty();
    assertThat(store().readIfExists(key("missing"))).isEmpty();
  }

  @Test
  void bytesAndFilesRoundTrip() throws Exception {
    Path file = Files.write(scratch.resolve("in.avro"), bytes("from a file"));

    store().put(key("from-bytes"), bytes("from bytes"));
    store().put(key("from-file"), file);

    assertThat(store().readAll(key("from-bytes"))).isEqualTo(bytes("from bytes"));
    assertThat(store().readIfExists(key("from-file"))).contains(bytes("from a file"));
  }

  @Test
  void aMissingSourceFileIsNamedAndNothingIsWritten() {
    Path missing = scratch.resolve("no-such-input.avro");

    assertThatThrownBy(() -> store().put(key("out.avro"), missing))
        .isInstanceOf(StoreException.class)
        .hasMessage(
            "Cannot write "
                + store().uri(key("out.avro"))
                + ": "
                + missing
                + ": no such file or directory");
    assertThat(store().head(key("out.avro"))).isEmpty();
  }

  @Test
  void putReplacesTheObjectAndChangesItsEtag() {
    String first = store().put(key("r"), bytes("one"));
    String second = store().put(key("r"), bytes("two"));

    assertThat(second).isNotEqualTo(first);
    assertThat(store().readAll(key("r"))).isEqualTo(bytes("two"));
  }

  @Test
  void openOfAMissingKeyNamesTheObject() {
    String missing = key("no/such.avro");

    assertThatThrownBy(() -> store().open(missing))
        .isInstanceOf(NoSuchObjectException.class)
        .hasMessage("Cannot read " + store().uri(missing) + ": no such object");
    assertThatThrownBy(() -> store().readAll(missing)).isInstanceOf(NoSuchObjectException.class);
  }

  @Test
  void putIfAbsentCreatesOnceAndThenFails() {
    String etag = store().putIfAbsent(key("lease"), bytes("mine"));

    assertThat(store().head(key("lease")).orElseThrow().etag()).isEqualTo(etag);
    assertThatThrownBy(() -> store().putIfAbsent(key("lease"), bytes("theirs")))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageStartingWith(
            "Cannot create " + store().uri(key("lease")) + ": an object already exists there");
    assertThat(store().readAll(key("lease"))).isEqualTo(bytes("mine"));
  }

  @Test
  void putIfMatchReplacesOnlyWhenTheEtagIsCurrent() {
    String first = store().put(key("manifest"), bytes("v1"));
    String second = store().putIfMatch(key("manifest"), bytes("v2"), first);

    assertThatThrownBy(() -> store().putIfMatch(key("manifest"), bytes("v3"), first))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageStartingWith("Cannot replace " + store().uri(key("manifest")) + ": it changed");
    assertThat(store().readAll(key("manifest"))).isEqualTo(bytes("v2"));
    assertThat(store().head(key("manifest")).orElseThrow().etag()).isEqualTo(second);
  }

  @Test
  void putIfMatchOfAMissingKeyFails() {
    String etag = store().put(key("gone"), bytes("x"));
    store().delete(key("gone"));

    assertThatThrownBy(() -> store().putIfMatch(key("gone"), bytes("y"), etag))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageStartingWith("Cannot replace " + store().uri(key("gone")));
    assertThat(store().head(key("gone"))).isEmpty();
  }

  @Test
  void deleteRemovesTheObjectAndAMissingObjectIsFine() {
    store().put(key("d"), bytes("x"));

    store().delete(key("d"));
    store().delete(key("d"));
    store().delete(key("never/was"));

    assertThat(store().head(key("d"))).isEmpty();
    assertThat(store().list(root() + "/")).isEmpty();
  }

  @Test
  void keysWithSpacesUnicodeAndEqualsSignsRoundTrip() {
    String odd = key("dt=2026-11-23/hr=07/file with spaces ü 日本 ±=1.avro");

    String etag = store().put(odd, bytes("odd"));

    assertThat(store().list(key("dt=2026-11-23/")))
        .extracting(ObjectInfo::key)
        .containsExactly(odd);
    assertThat(store().head(odd).orElseThrow().etag()).isEqualTo(etag);
    assertThat(store().readAll(odd)).isEqualTo(bytes("odd"));
    store().delete(odd);
    assertThat(store().head(odd)).isEmpty();
  }

  protected static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}

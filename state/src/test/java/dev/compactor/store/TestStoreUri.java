package dev.compactor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TestStoreUri {

  @Test
  void s3aSplitsIntoBucketAndPrefixWithoutSlashes() {
    StoreUri uri = StoreUri.parse("s3a://raw-bucket/clicks/events/");

    assertThat(uri).isEqualTo(new StoreUri("s3a", "raw-bucket", "clicks/events"));
    assertThat(uri.isLocal()).isFalse();
    assertThat(uri).hasToString("s3a://raw-bucket/clicks/events");
  }

  @Test
  void s3IsReadAsS3a() {
    assertThat(StoreUri.parse("s3://raw/x")).isEqualTo(new StoreUri("s3a", "raw", "x"));
  }

  @Test
  void aBucketWithoutPrefixHasAnEmptyPrefix() {
    StoreUri uri = StoreUri.parse("s3a://raw");

    assertThat(uri.prefix()).isEmpty();
    assertThat(uri.key("/dt=2026-11-23/f.avro")).isEqualTo("dt=2026-11-23/f.avro");
  }

  @Test
  void fileHasNoBucketAndTheAbsolutePathWithoutLeadingSlashAsPrefix() {
    StoreUri uri = StoreUri.parse(" file:///tmp/x/ ");

    assertThat(uri).isEqualTo(new StoreUri("file", "", "tmp/x"));
    assertThat(uri.isLocal()).isTrue();
    assertThat(uri).hasToString("file:///tmp/x");
    assertThat(uri.key("a.avro")).isEqualTo("tmp/x/a.avro");
  }

  @Test
  void keyAndResolveJoinWithOneSlash() {
    StoreUri uri = StoreUri.parse("s3a://b/root");

    assertThat(uri.key("/a/b/")).isEqualTo("root/a/b");
    assertThat(uri.key("")).isEqualTo("root");
    assertThat(uri.resolve("state")).isEqualTo(new StoreUri("s3a", "b", "root/state"));
  }

  @Test
  void aBucketIsRequired() {
    assertThatThrownBy(() -> StoreUri.parse("s3a:///prefix"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'s3a:///prefix' has no bucket; use s3a://bucket/prefix");
  }

  @Test
  void aFileUriWithAHostIsRejected() {
    assertThatThrownBy(() -> StoreUri.parse("file://tmp/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "'file://tmp/x' names a host; local roots are file:///absolute/path (three slashes)");
  }

  @Test
  void otherSchemesAndRelativePathsAreRejected() {
    assertThatThrownBy(() -> StoreUri.parse("hdfs://nn/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "'hdfs://nn/x' has scheme 'hdfs'; use s3a://bucket/prefix or file:///absolute/path");
    assertThatThrownBy(() -> StoreUri.parse("data/raw"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'data/raw' has scheme ''; use s3a://bucket/prefix or file:///absolute/path");
  }

  @Test
  void textThatIsNoUriSaysWhichFormsWork() {
    assertThatThrownBy(() -> StoreUri.parse("s3a://bucket/with space"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "'s3a://bucket/with space' is not a URI; use s3a://bucket/prefix or"
                + " file:///absolute/path");
  }
}

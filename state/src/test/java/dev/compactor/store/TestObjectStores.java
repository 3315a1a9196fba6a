package dev.compactor.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.config.S3Settings;
import org.junit.jupiter.api.Test;

class TestObjectStores {

  private static final S3Settings S3 =
      new S3Settings("http://127.0.0.1:1", true, "us-east-1", true, "");

  @Test
  void fileRootsOpenTheLocalStore() {
    try (ObjectStore store = ObjectStores.open(StoreUri.parse("file:///tmp/x"), S3)) {
      assertThat(store).isInstanceOf(LocalObjectStore.class);
      assertThat(store.uri("tmp/x/a")).isEqualTo("file:///tmp/x/a");
    }
  }

  @Test
  void s3RootsOpenAStoreOnTheirBucket() {
    try (ObjectStore store = ObjectStores.open(StoreUri.parse("s3://raw/clicks"), S3)) {
      assertThat(store).isInstanceOf(S3ObjectStore.class);
      assertThat(store.uri("clicks/a")).isEqualTo("s3a://raw/clicks/a");
    }
  }
}

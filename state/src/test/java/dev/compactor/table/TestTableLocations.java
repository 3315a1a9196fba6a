package dev.compactor.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.store.StoreUri;
import org.junit.jupiter.api.Test;

class TestTableLocations {

  private static final TableLocations S3 =
      new TableLocations(StoreUri.parse("s3a://out-bucket/compacted"));

  @Test
  void theTableNamesObjectsWithTheS3SchemeAsAthenaReadsThem() {
    assertThat(S3.uriOf("compacted/iceberg/clicks/data/x.parquet"))
        .isEqualTo("s3://out-bucket/compacted/iceberg/clicks/data/x.parquet");
  }

  @Test
  void aLocationInTheBucketIsItsKeyWhicheverS3SchemeRecordedIt() {
    String key = "compacted/iceberg/clicks/data/x.parquet";

    assertThat(S3.keyOf(S3.uriOf(key))).contains(key);
    assertThat(S3.keyOf("s3a://out-bucket/" + key)).contains(key);
    assertThat(S3.keyOf("s3n://out-bucket/" + key)).contains(key);
  }

  @Test
  void aLocationOutsideTheBucketHasNoKey() {
    assertThat(S3.keyOf("s3://other-bucket/compacted/x.parquet")).isEmpty();
    assertThat(S3.keyOf("s3://out-bucket-2/x.parquet")).isEmpty();
    assertThat(S3.keyOf("s3://out-bucket/")).isEmpty();
    assertThat(S3.keyOf("gs://out-bucket/x.parquet")).isEmpty();
  }

  @Test
  void aLocalRootRoundTripsItsKeys() {
    TableLocations local = new TableLocations(StoreUri.parse("file:///tmp/store/compacted"));
    String key = "tmp/store/compacted/iceberg/clicks/data/x.parquet";

    assertThat(local.uriOf(key)).isEqualTo("file:///" + key);
    assertThat(local.keyOf(local.uriOf(key))).contains(key);
    assertThat(local.keyOf("file:/" + key)).contains(key);
    assertThat(local.keyOf("s3://b/" + key)).isEmpty();
  }
}

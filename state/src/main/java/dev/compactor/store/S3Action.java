package dev.compactor.store;

/** What an S3 call was doing, with the IAM permission it needs; used to word failures. */
enum S3Action {
  LIST("list", "s3:ListBucket", true),
  READ("read", "s3:GetObject", false),
  WRITE("write", "s3:PutObject", false),
  CREATE_IF_ABSENT("create", "s3:PutObject", false),
  REPLACE_IF_MATCH("replace", "s3:PutObject", false),
  DELETE("delete", "s3:DeleteObject", false);

  final String verb;
  final String permission;

  /** ListBucket is granted on the bucket ARN, object actions on the object ARN. */
  final boolean onBucket;

  S3Action(String verb, String permission, boolean onBucket) {
    this.verb = verb;
    this.permission = permission;
    this.onBucket = onBucket;
  }

  boolean writes() {
    return this == WRITE || this == CREATE_IF_ABSENT || this == REPLACE_IF_MATCH;
  }

  /** The resource the permission must be granted on. */
  String arn(String bucket, String key) {
    return onBucket ? "arn:aws:s3:::" + bucket : "arn:aws:s3:::" + bucket + "/" + key;
  }
}

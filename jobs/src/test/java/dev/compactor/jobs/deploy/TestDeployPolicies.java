package dev.compactor.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.jobs.deploy.Policy.Grant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IAM policies: valid grammar, and least privilege both as templates (any buckets) and as
 * rendered by {@code submit/iam/render.sh} from the example configuration.
 */
class TestDeployPolicies {

  private static final List<String> WRITES =
      List.of("s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload");
  private static final Map<String, String> ENV =
      Map.of(
          "ACCOUNT_ID", "123456789012",
          "REGION", "eu-west-1",
          "KMS_KEY_ARN",
              "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
          "ARTIFACTS", "s3://acme-deploy/compactor",
          "ATHENA_RESULTS", "s3://acme-athena-results/compactor",
          "S3_TABLE_BUCKET", "acme-tables");

  @Test
  void jobPolicyHasNoWildcardActions() {
    Policy policy = Policy.of(DeployFiles.template("iam/job-policy.json"));

    assertThat(policy.actions()).noneMatch(action -> action.equals("*") || action.endsWith(":*"));
  }

  @Test
  void jobWritesOnlyUnderTheOutputFormatsAndTheStatePrefix() {
    Policy policy = Policy.of(DeployFiles.template("iam/job-policy.json"));

    for (Grant grant : policy.grants()) {
      if (WRITES.contains(grant.action())) {
        assertThat(grant.resource())
            .as("%s in %s", grant.action(), grant.sid())
            .isIn(
                "arn:aws:s3:::${OUTPUT_BUCKET}/${OUTPUT_PREFIX}avro/*",
                "arn:aws:s3:::${OUTPUT_BUCKET}/${OUTPUT_PREFIX}parquet/*",
                "arn:aws:s3:::${OUTPUT_BUCKET}/${OUTPUT_PREFIX}iceberg/*",
                "arn:aws:s3:::${STATE_BUCKET}/${STATE_PREFIX}*");
      }
    }
    assertThat(policy.resourcesFor("s3:GetObject"))
        .contains("arn:aws:s3:::${INPUT_BUCKET}/${INPUT_PREFIX}*");
  }

  @Test
  void jobListsBucketsOnlyUnderItsPrefixes() {
    Policy policy = Policy.of(DeployFiles.template("iam/job-policy.json"));

    for (String sid : List.of("ListInputHours", "ListOutputDays", "ListState")) {
      assertThat(
              policy
                  .statement(sid)
                  .path("Condition")
                  .path("StringLike")
                  .path("s3:prefix")
                  .isArray())
          .as("%s is limited by s3:prefix", sid)
          .isTrue();
    }
  }

  @Test
  void renderedJobPolicyForTheExampleConfigurationKeepsInputReadOnly() {
    Policy policy = render("job");

    for (Grant grant : policy.grants()) {
      if (WRITES.contains(grant.action())) {
        assertThat(grant.resource())
            .startsWith("arn:aws:s3:::acme-events-compacted/")
            .matches(".*/(avro|parquet|iceberg|_compactor)/\\*");
      }
      if (grant.resource().startsWith("arn:aws:s3:::acme-events-raw")) {
        assertThat(grant.action()).isIn("s3:ListBucket", "s3:GetObject");
      }
    }
    assertThat(policy.grants()).extracting(Grant::resource).noneMatch(r -> r.contains("${"));
  }

  @Test
  void jobLogsOnlyToTheCompactorsOwnLogGroupsAndNeedsNoMetricsPermission() {
    Policy policy = Policy.of(DeployFiles.template("iam/job-policy.json"));
    String groups = "arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:";

    for (Grant grant : policy.grants()) {
      if (grant.action().startsWith("logs:")) {
        // The EMR log shippers create streams and put events; the log groups are created once.
        assertThat(grant.action())
            .as(grant.sid())
            .isIn(
                "logs:CreateLogStream",
                "logs:DescribeLogStreams",
                "logs:PutLogEvents",
                "logs:DescribeLogGroups");
        assertThat(grant.resource())
            .as(grant.sid())
            .isIn(groups + "/aws/emr/compactor:*", groups + "/aws/emr-serverless/compactor:*");
        assertThat(grant.sid()).endsWith("Optional");
      }
    }
    // The metrics line is printed, not sent: the log shippers turn it into metrics.
    assertThat(policy.actions()).noneMatch(action -> action.startsWith("cloudwatch:"));
  }

  @Test
  void jobRoleForBatchRenderedWithoutOptionalStatementsHasNoLogsPermission() {
    Scripts.Result result =
        Scripts.run(
            Map.of(),
            "bash",
            "submit/iam/render.sh",
            "--drop-optional",
            "job",
            "conf/aws.example.properties");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    // On Batch the awslogs driver writes with the container instance's role, not the job's.
    assertThat(Policy.of(DeployFiles.parse(result.stdout())).actions())
        .noneMatch(action -> action.startsWith("logs:"));
  }

  @Test
  void emrSchedulerMayAddStepsToItsClusterAndNothingElse() {
    Map<String, String> env = new HashMap<>(ENV);
    env.put("EMR_CLUSTER_ID", "j-2AXXXXXXGAPLF");
    Policy policy = render(env, "emr-scheduler");

    assertThat(policy.actions()).containsExactly("elasticmapreduce:AddJobFlowSteps");
    assertThat(policy.resourcesFor("elasticmapreduce:AddJobFlowSteps"))
        .containsExactly("arn:aws:elasticmapreduce:eu-west-1:123456789012:cluster/j-2AXXXXXXGAPLF");
  }

  @Test
  void analystReadsParquetAndWritesOnlyAthenaResults() {
    Policy policy = Policy.of(DeployFiles.template("iam/analyst-policy.json"));

    assertThat(policy.actions())
        .contains(
            "athena:StartQueryExecution", "athena:GetQueryExecution", "athena:GetQueryResults")
        .contains("glue:GetTable", "glue:GetDatabase")
        .noneMatch(action -> action.endsWith(":*") || action.equals("*"));
    for (Grant grant : policy.grants()) {
      if (grant.resource().contains("${OUTPUT_BUCKET}")) {
        assertThat(grant.action())
            .as("on the data, in %s", grant.sid())
            .isIn("s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation");
      }
      if (WRITES.contains(grant.action())) {
        assertThat(grant.resource()).startsWith("arn:aws:s3:::${ATHENA_RESULTS_BUCKET}/");
      }
    }
    assertThat(policy.resourcesFor("s3:GetObject"))
        .contains("arn:aws:s3:::${OUTPUT_BUCKET}/${OUTPUT_PREFIX}parquet/*");
    Policy.of(render("analyst").document());
  }

  @Test
  void schedulerMaySubmitTheCompactorJobAndNothingElse() {
    Policy policy = render("scheduler");

    assertThat(policy.actions()).containsExactly("batch:SubmitJob");
    assertThat(policy.resourcesFor("batch:SubmitJob"))
        .allMatch(r -> r.startsWith("arn:aws:batch:eu-west-1:123456789012:job-"));
  }

  /**
   * The IAM action of each Iceberg REST call the catalog client makes on AWS Glue's Iceberg REST
   * endpoint (AWS Glue Developer Guide, "AWS Glue REST APIs for Apache Iceberg specifications"):
   * GetConfig, LoadNamespaceMetadata and its HEAD, CreateNamespace, TableExists, CreateTable,
   * LoadTable, UpdateTable (every commit: schema, properties, snapshots).
   */
  private static final List<String> GLUE_ICEBERG_ACTIONS =
      List.of(
          "glue:GetCatalog",
          "glue:GetDatabase",
          "glue:CreateDatabase",
          "glue:GetTable",
          "glue:CreateTable",
          "glue:UpdateTable");

  /**
   * The same calls on the S3 Tables Iceberg REST endpoint (Amazon S3 User Guide, "Accessing tables
   * using the Amazon S3 Tables Iceberg REST endpoint"), plus the data actions S3FileIO needs for
   * the manifests it writes into the table bucket.
   */
  private static final List<String> S3_TABLES_ICEBERG_ACTIONS =
      List.of(
          "s3tables:GetTableBucket",
          "s3tables:GetNamespace",
          "s3tables:CreateNamespace",
          "s3tables:GetTable",
          "s3tables:CreateTable",
          "s3tables:GetTableMetadataLocation",
          "s3tables:UpdateTableMetadataLocation",
          "s3tables:GetTableData",
          "s3tables:PutTableData");

  @TempDir Path dir;

  @Test
  void icebergStatementsGrantExactlyTheCatalogCallsOnTheNamespaceAndTableBucketOnly() {
    Policy policy = Policy.of(DeployFiles.template("iam/job-policy.json"));
    String glue = "arn:aws:glue:${REGION}:${ACCOUNT_ID}:";
    String tableBucket = "arn:aws:s3tables:${REGION}:${ACCOUNT_ID}:bucket/${S3_TABLE_BUCKET}";

    assertThat(actionsOf(policy, "IcebergGlueCatalogOptional"))
        .containsExactlyInAnyOrderElementsOf(GLUE_ICEBERG_ACTIONS);
    assertThat(resourcesOf(policy, "IcebergGlueCatalogOptional"))
        .containsExactlyInAnyOrder(
            glue + "catalog",
            glue + "database/${ICEBERG_NAMESPACE}",
            glue + "table/${ICEBERG_NAMESPACE}/*");
    assertThat(actionsOf(policy, "IcebergS3TablesOptional"))
        .containsExactlyInAnyOrderElementsOf(S3_TABLES_ICEBERG_ACTIONS);
    assertThat(resourcesOf(policy, "IcebergS3TablesOptional"))
        .containsExactlyInAnyOrder(tableBucket, tableBucket + "/table/*");
    assertThat(actionsOf(policy, "IcebergLakeFormationOptional"))
        .containsExactly("lakeformation:GetDataAccess");
    // The table's Parquet files: written once under a name of their build, read for their footer
    // metrics, deleted by snapshot retention once no unexpired snapshot references them.
    assertThat(actionsOf(policy, "IcebergTableFilesOptional"))
        .containsExactlyInAnyOrder(
            "s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload");
    assertThat(resourcesOf(policy, "IcebergTableFilesOptional"))
        .containsExactly("arn:aws:s3:::${OUTPUT_BUCKET}/${OUTPUT_PREFIX}iceberg/*");

    for (Grant grant : policy.grants()) {
      if (grant.action().matches("(glue|s3tables|lakeformation):.*")) {
        assertThat(grant.sid())
            .as("%s is granted only by the Iceberg statements", grant.action())
            .isIn(
                "IcebergGlueCatalogOptional",
                "IcebergS3TablesOptional",
                "IcebergLakeFormationOptional");
      }
    }
    assertThat(policy.actions()).noneMatch(action -> action.contains("*"));
    // lakeformation:GetDataAccess has no resource type, so IAM wants "*"; nothing else may.
    assertThat(policy.grants())
        .filteredOn(grant -> grant.resource().contains("*") && !grant.resource().contains(":"))
        .extracting(Grant::action)
        .containsOnly("lakeformation:GetDataAccess");
  }

  @Test
  void renderedIcebergStatementsNameTheConfiguredNamespaceAndAreDroppedWithTheOptionalOnes()
      throws IOException {
    Path config = dir.resolve("aws.properties");
    Files.writeString(
        config,
        Files.readString(DeployFiles.ROOT.resolve("conf/aws.example.properties"))
            + "\niceberg.namespace = analytics\n");
    Scripts.Result result =
        Scripts.run(ENV, "bash", "submit/iam/render.sh", "job", config.toString());
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    Policy policy = Policy.of(DeployFiles.parse(result.stdout()));

    assertThat(policy.resourcesFor("glue:UpdateTable"))
        .containsExactlyInAnyOrder(
            "arn:aws:glue:eu-west-1:123456789012:catalog",
            "arn:aws:glue:eu-west-1:123456789012:database/analytics",
            "arn:aws:glue:eu-west-1:123456789012:table/analytics/*");
    assertThat(policy.resourcesFor("s3tables:UpdateTableMetadataLocation"))
        .containsExactlyInAnyOrder(
            "arn:aws:s3tables:eu-west-1:123456789012:bucket/acme-tables",
            "arn:aws:s3tables:eu-west-1:123456789012:bucket/acme-tables/table/*");
    assertThat(render("job").resourcesFor("glue:CreateTable"))
        .as("iceberg.namespace defaults to compactor")
        .contains("arn:aws:glue:eu-west-1:123456789012:table/compactor/*");

    Scripts.Result dropped =
        Scripts.run(
            Map.of(),
            "bash",
            "submit/iam/render.sh",
            "--drop-optional",
            "job",
            "conf/aws.example.properties");
    assertThat(dropped.exitCode()).as(dropped.stderr()).isZero();
    assertThat(Policy.of(DeployFiles.parse(dropped.stdout())).actions())
        .noneMatch(action -> action.matches("(glue|s3tables|lakeformation):.*"));
    assertThat(Policy.of(DeployFiles.parse(dropped.stdout())).resourcesFor("s3:PutObject"))
        .noneMatch(resource -> resource.contains("/iceberg/"));
  }

  private static List<String> actionsOf(Policy policy, String sid) {
    return policy.grants().stream()
        .filter(g -> g.sid().equals(sid))
        .map(Grant::action)
        .distinct()
        .toList();
  }

  private static List<String> resourcesOf(Policy policy, String sid) {
    return policy.grants().stream()
        .filter(g -> g.sid().equals(sid))
        .map(Grant::resource)
        .distinct()
        .toList();
  }

  private static Policy render(String kind) {
    return render(ENV, kind);
  }

  private static Policy render(Map<String, String> env, String kind) {
    Scripts.Result result =
        Scripts.run(env, "bash", "submit/iam/render.sh", kind, "conf/aws.example.properties");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    return Policy.of(DeployFiles.parse(result.stdout()));
  }
}

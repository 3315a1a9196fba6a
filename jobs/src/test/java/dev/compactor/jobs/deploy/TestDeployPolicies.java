package dev.compactor.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.jobs.deploy.Policy.Grant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
          "ATHENA_RESULTS", "s3://acme-athena-results/compactor");

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
            .matches(".*/(avro|parquet|_compactor)/\\*");
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

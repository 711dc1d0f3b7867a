package com.termwise.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code template.yaml} after the SAM transform ({@code infra/template/transform}, aws-sam-translator as cfn-lint
 * ships it), read against AWS's rules for a first deploy and the operations a payments team needs. Each test is one
 * defect that once made the stack fail to deploy, fail silently, or grant too much.
 */
class DeployableTemplateTest {

    static JsonNode template;
    static JsonNode resources;
    static Path root;

    @BeforeAll
    static void transform() throws Exception {
        root = LambdaFunctions.projectTemplate().getParent();
        var process = new ProcessBuilder("python3", root.resolve("infra/template/transform").toString(), "template.yaml")
                .directory(root.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        var out = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), "the SAM transform failed (cfn-lint and its aws-sam-translator are needed): " + out);
        template = AwsEvents.JSON.readTree(out);
        resources = template.get("Resources");
    }

    static List<Map.Entry<String, JsonNode>> ofType(String type) {
        return resources.properties().stream().filter(r -> r.getValue().path("Type").asText().equals(type)).toList();
    }

    static boolean refersTo(JsonNode value, String logicalId) {
        return value.toString().contains("\"Ref\":\"" + logicalId + "\"") || value.toString().contains("[\"" + logicalId + "\",");
    }

    static JsonNode function(String logicalId) {
        return resources.get(logicalId).get("Properties");
    }

    static String policies(String functionLogicalId) {
        var role = function(functionLogicalId).at("/Role/Fn::GetAtt/0").asText();
        return resources.get(role).get("Properties").toString();
    }

    @Test
    void every_function_logs_as_json_to_a_declared_log_group_with_retention_and_is_traced() {
        var functions = ofType("AWS::Lambda::Function");
        assertEquals(8, functions.size());
        for (var f : functions) {
            var props = f.getValue().get("Properties");
            var group = props.at("/LoggingConfig/LogGroup/Ref").asText();
            assertEquals("AWS::Logs::LogGroup", resources.path(group).path("Type").asText(), f.getKey() + " logs to a declared group");
            assertTrue(resources.get(group).at("/Properties/RetentionInDays").isObject() || resources.get(group).at("/Properties/RetentionInDays").isNumber());
            assertEquals("JSON", props.at("/LoggingConfig/LogFormat").asText(), f.getKey());
            assertEquals("Active", props.at("/TracingConfig/Mode").asText(), f.getKey());
        }
        for (var filter : ofType("AWS::Logs::MetricFilter")) {
            var group = filter.getValue().at("/Properties/LogGroupName/Ref").asText();
            assertEquals("AWS::Logs::LogGroup", resources.path(group).path("Type").asText(), filter.getKey() + " filters a group the stack creates");
        }
    }

    @Test
    void the_renewal_queue_is_polled_within_a_concurrency_stripe_and_a_new_account_allow_and_a_batch_is_never_seen_by_two_workers() {
        var mappings = ofType("AWS::Lambda::EventSourceMapping");
        assertEquals(1, mappings.size());
        var mapping = mappings.get(0).getValue().get("Properties");
        int concurrency = mapping.at("/ScalingConfig/MaximumConcurrency").asInt();
        assertTrue(concurrency >= 2 && concurrency <= 10, "SQS's minimum is 2; a new account's quota is often 10: " + concurrency);
        var worker = function("RenewWorkerFunction");
        int timeout = worker.get("Timeout").asInt();
        assertTrue(timeout >= 3 * (5 + 20) + 5, "Stripe's worst case (3 tries x (5 s + 20 s)) fits in the worker's timeout: " + timeout);
        int visibility = resources.at("/RenewalQueue/Properties/VisibilityTimeout").asInt();
        assertTrue(visibility >= 6 * timeout, "AWS: visibility at least 6x the function timeout: " + visibility + " vs " + timeout);
        assertTrue(mapping.get("FunctionResponseTypes").toString().contains("ReportBatchItemFailures"));
        for (var f : ofType("AWS::Lambda::Function")) {
            assertFalse(f.getValue().get("Properties").has("ReservedConcurrentExecutions"), f.getKey() + ": reserved concurrency fails in new accounts");
        }
    }

    @Test
    void no_name_collides_with_a_second_stack_in_the_account() {
        for (var r : resources.properties()) {
            var props = r.getValue().path("Properties");
            for (var key : List.of("Name", "QueueName", "TopicName", "TableName", "FunctionName", "LogGroupName", "RoleName", "Domain")) {
                var name = props.path(key);
                if (name.isMissingNode() || r.getValue().path("Type").asText().startsWith("AWS::Lambda::") || key.equals("LogGroupName") && name.has("Ref")) continue;
                if (r.getValue().path("Type").asText().equals("AWS::Logs::MetricFilter")) continue;
                assertTrue(name.toString().contains("AWS::StackName"), r.getKey() + "." + key + " is fixed: " + name);
            }
        }
    }

    @Test
    void the_urls_and_sender_are_required_real_values_and_no_placeholder_ships() {
        for (var p : List.of("MailFrom", "CheckoutReturnUrl", "AlarmEmail")) {
            var parameter = template.at("/Parameters/" + p);
            assertFalse(parameter.has("Default"), p + " has a default");
            assertTrue(parameter.has("AllowedPattern"), p + " has no AllowedPattern");
        }
        assertFalse(template.toString().contains("termwise.example"));
    }

    @Test
    void stripe_s_secrets_are_in_secrets_manager_and_each_function_can_read_only_its_own() {
        assertFalse(template.toString().contains("STRIPE_API_KEY\""), "no plain key in any environment");
        assertFalse(template.toString().contains("STRIPE_WEBHOOK_SECRET\""), "no plain signing secret in any environment");
        var readers = Map.of("StripeApiKeySecret", Set.of("CheckoutFunction", "CancelFunction", "RefundFunction", "RefundRetryFunction", "RenewWorkerFunction"),
                "StripeWebhookSigningSecret", Set.of("WebhookFunction"));
        for (var f : ofType("AWS::Lambda::Function")) {
            var env = f.getValue().at("/Properties/Environment/Variables");
            var granted = policies(f.getKey());
            readers.forEach((secret, allowed) -> {
                boolean reads = allowed.contains(f.getKey());
                assertEquals(reads, refersTo(env, secret), f.getKey() + " environment names " + secret);
                assertEquals(reads, granted.contains("\"Ref\":\"" + secret + "\""), f.getKey() + " may read " + secret);
            });
        }
        for (var secret : ofType("AWS::SecretsManager::Secret")) {
            var props = secret.getValue().get("Properties");
            assertTrue(props.has("GenerateSecretString") ^ props.has("SecretString"), secret.getKey() + ": CloudFormation needs exactly one of them");
            assertFalse(props.path("SecretString").asText().matches("(sk|rk|whsec)_.*"), secret.getKey() + ": no Stripe value in the template");
        }
        assertEquals("AWS::SecretsManager::Secret", resources.at("/StripeApiKeySecret/Type").asText());
    }

    @Test
    void the_table_survives_the_stack() {
        var table = resources.get("StateTable");
        assertEquals("Retain", table.get("DeletionPolicy").asText());
        assertEquals("Retain", table.get("UpdateReplacePolicy").asText());
        assertTrue(table.at("/Properties/DeletionProtectionEnabled").asBoolean());
        assertTrue(table.at("/Properties/PointInTimeRecoverySpecification/PointInTimeRecoveryEnabled").asBoolean());
    }

    @Test
    void every_alarm_tells_someone_and_the_failures_a_payments_team_must_hear_of_are_alarmed() {
        var topic = resources.get("AlarmTopic");
        assertTrue(topic.at("/Properties/Subscription/0/Endpoint/Ref").asText().equals("AlarmEmail"));
        var watched = new ArrayList<String>();
        for (var alarm : ofType("AWS::CloudWatch::Alarm")) {
            var props = alarm.getValue().get("Properties");
            assertTrue(refersTo(props.get("AlarmActions"), "AlarmTopic"), alarm.getKey() + " notifies nobody");
            watched.add(props.toString());
        }
        var all = String.join("\n", watched);
        for (var metric : List.of("\"Errors\"", "\"Throttles\"", "ApproximateAgeOfOldestMessage", "\"5xx\"", "\"Bounce\"", "\"Complaint\"", "FailedRenewalCharges", "ParkedOutboxRecords", "UnconfirmedDeliveries")) {
            assertTrue(all.contains(metric), "no alarm on " + metric);
        }
        for (var queue : List.of("RenewalDeadLetterQueue", "ScheduleDeadLetterQueue")) {
            assertTrue(all.contains("[\"" + queue + "\",\"QueueName\"]"), "no alarm on " + queue);
        }
        var destination = ofType("AWS::SES::ConfigurationSetEventDestination");
        assertEquals(1, destination.size());
        assertTrue(destination.get(0).getValue().at("/Properties/EventDestination/MatchingEventTypes").toString().contains("bounce"));
    }

    @Test
    void every_schedule_retries_for_a_bounded_age_and_keeps_what_it_could_not_deliver() {
        var schedules = ofType("AWS::Scheduler::Schedule");
        assertEquals(6, schedules.size()); // the renewal, recovery, outbox, daily dispatch, refund retry and reconciliation runs
        for (var s : schedules) {
            var target = s.getValue().at("/Properties/Target");
            assertTrue(target.at("/RetryPolicy/MaximumEventAgeInSeconds").asInt() > 0, s.getKey());
            assertTrue(target.at("/RetryPolicy/MaximumRetryAttempts").asInt() > 0, s.getKey());
            assertTrue(refersTo(target.at("/DeadLetterConfig/Arn"), "ScheduleDeadLetterQueue"), s.getKey());
        }
        assertTrue(resources.at("/SchedulerRole/Properties").toString().contains("sqs:SendMessage"), "the scheduler may write its DLQ");
    }

    @Test
    void each_function_holds_only_the_table_actions_index_and_queue_it_uses() {
        var indexReaders = Set.of("RenewSweepFunction", "DispatchFunction", "RefundRetryFunction");
        for (var f : ofType("AWS::Lambda::Function")) {
            var role = resources.get(f.getValue().at("/Properties/Role/Fn::GetAtt/0").asText()).get("Properties");
            var granted = role.toString();
            assertFalse(granted.contains("dynamodb:*") || granted.contains("DynamoDB") || granted.contains("dynamodb:Scan")
                    || granted.contains("dynamodb:DeleteItem"), f.getKey() + ": " + granted);
            assertEquals(indexReaders.contains(f.getKey()), granted.contains("/index/due"), f.getKey() + " and the due index");
            assertFalse(role.path("ManagedPolicyArns").toString().contains("SQS"), f.getKey() + " has SQS on every queue");
            if (granted.contains("sqs:")) {
                for (var statement : role.at("/Policies/0/PolicyDocument/Statement")) {
                    if (statement.toString().contains("sqs:")) assertTrue(refersTo(statement.get("Resource"), "RenewalQueue"), f.getKey());
                }
            }
        }
    }

    @Test
    void the_account_page_is_served_from_a_private_bucket_through_cloudfront_only_and_the_api_answers_only_its_origin() {
        var block = resources.at("/AccountSiteBucket/Properties/PublicAccessBlockConfiguration");
        for (var setting : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")) {
            assertTrue(block.path(setting).asBoolean(), setting);
        }
        var reads = resources.at("/AccountSiteBucketPolicy/Properties/PolicyDocument/Statement/0");
        assertEquals("cloudfront.amazonaws.com", reads.at("/Principal/Service").asText());
        assertTrue(reads.at("/Condition").toString().contains("AWS:SourceArn") && reads.at("/Condition").toString().contains("AccountSite"), reads.toString());
        var site = resources.at("/AccountSite/Properties/DistributionConfig");
        assertEquals("redirect-to-https", site.at("/DefaultCacheBehavior/ViewerProtocolPolicy").asText());
        assertTrue(refersTo(site.at("/Origins/0/OriginAccessControlId"), "AccountSiteOriginAccess") || site.at("/Origins/0/OriginAccessControlId").toString().contains("AccountSiteOriginAccess"));
        // the same content security policy as the local runner sends, with the API's and the sign-in's hosts the page calls in AWS
        var csp = resources.at("/AccountSiteHeaders/Properties/ResponseHeadersPolicyConfig/SecurityHeadersConfig/ContentSecurityPolicy/ContentSecurityPolicy/Fn::Sub").asText();
        assertEquals(AccountPage.CSP, csp.replace(" https://*.execute-api.${AWS::Region}.${AWS::URLSuffix} https://*.auth.${AWS::Region}.amazoncognito.com", ""));
        // CORS: that origin only, with the headers the page sends
        var cors = resources.at("/Api/Properties/Body/x-amazon-apigateway-cors");
        assertEquals(1, cors.get("allowOrigins").size(), cors.toString());
        assertTrue(cors.get("allowOrigins").toString().contains("https://${AccountSite.DomainName}"), cors.toString());
        assertFalse(cors.toString().contains("\"*\""), cors.toString());
        assertTrue(cors.get("allowHeaders").toString().contains("idempotency-key") && cors.get("allowHeaders").toString().contains("authorization"));
        // hosted sign-in returns to the page; Stripe's pages send customers back to it
        assertTrue(resources.at("/UserPoolClient/Properties/CallbackURLs").toString().contains("${AccountSite.DomainName}/account/"));
        for (var f : List.of("CheckoutFunction", "WebhookFunction", "RenewWorkerFunction")) {
            assertTrue(function(f).at("/Environment/Variables/ACCOUNT_PAGE_URL").toString().contains("${AccountSite.DomainName}/account/"), f);
        }
    }

    @Test
    void the_api_trusts_the_stack_s_cognito_pool_by_default_with_admin_and_service_groups() {
        var issuer = resources.at("/Api/Properties/Body").toString();
        assertTrue(issuer.contains("UseCognito") && issuer.contains("cognito-idp"), issuer);
        var groups = ofType("AWS::Cognito::UserPoolGroup").stream().map(g -> g.getValue().at("/Properties/GroupName").asText()).toList();
        assertEquals(Set.of("admin", "service"), Set.copyOf(groups));
    }

    @Test
    void the_sweep_and_dispatch_artifacts_carry_no_stripe_and_each_artifact_is_the_one_the_template_deploys() throws Exception {
        for (var f : ofType("AWS::Lambda::Function")) {
            var handler = f.getValue().at("/Properties/Handler").asText();
            var logicalId = f.getKey();
            // the class alone: with ::handleRequest AWS's runtime reads MicronautRequestHandler's erased event type, and
            // every event arrives as a map (docs/stack.md)
            assertFalse(handler.contains("::"), logicalId + " names a method: " + handler);
            var artifact = root.resolve(new LambdaFunctions(root.resolve("template.yaml"), Map.of(), Map.of()).definition(logicalId).artifact());
            assertTrue(Files.isRegularFile(artifact), artifact.toString());
            try (var jar = new ZipFile(artifact.toFile())) {
                assertNotNull(jar.getEntry(handler.split("::")[0].replace('.', '/') + ".class"), logicalId + " " + handler);
                boolean stripe = jar.stream().anyMatch(e -> e.getName().startsWith("com/stripe/"));
                assertEquals(!Set.of("RenewSweepFunction", "DispatchFunction").contains(logicalId), stripe, logicalId + " " + artifact.getFileName());
            }
        }
    }
}

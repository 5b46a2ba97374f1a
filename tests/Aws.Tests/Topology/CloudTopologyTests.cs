using Amazon.DynamoDBv2;
using Payments.Application.Webhooks.Queue;
using Payments.Application.Webhooks.Routing;
using Payments.Aws.Audit;
using Payments.Aws.Projections;
using Payments.Aws.Ramps;
using Payments.Aws.Topology;
using Payments.Aws.Webhooks;
using Payments.Domain.Serialization;
using Payments.EventStore.Contract;

namespace Payments.Aws.Tests.Topology;

public sealed class CloudTopologyTests
{
    private static readonly CloudTopology Prod = CloudTopology.Define(CloudEnvironment.Prod);
    private static readonly CloudTopology Dev = CloudTopology.Define(CloudEnvironment.Dev);

    [Fact]
    public void Payment_queue_has_the_seed_figures_and_dead_letters_after_three_receives()
    {
        var queue = Prod.Queues.Single(q => q.Name == "payments-prod-payment-jobs");

        Assert.Equal((300, 14 * 24 * 3600, 20, 3), (queue.VisibilityTimeoutSeconds, queue.MessageRetentionSeconds, queue.ReceiveWaitSeconds, queue.MaxReceiveCount));
        Assert.Contains(queue.DeadLetter!, Prod.Queues);
    }

    [Fact]
    public void Functions_have_the_seed_sizes_and_the_worker_takes_one_payment_per_invocation()
    {
        var api = Function(CloudTopology.Api);
        var worker = Function(CloudTopology.Worker);

        Assert.Equal((512, 30), (api.MemoryMb, api.TimeoutSeconds));
        Assert.IsType<FunctionTrigger.HttpApi>(api.Trigger);
        Assert.Equal((512, 300), (worker.MemoryMb, worker.TimeoutSeconds));
        var sqs = Assert.IsType<FunctionTrigger.Sqs>(worker.Trigger);
        Assert.Equal((1, true), (sqs.BatchSize, sqs.ReportBatchItemFailures));
    }

    [Fact]
    public void Http_api_stage_throttles_every_client_together_within_the_account_quota()
    {
        var api = Prod.HttpApi;

        Assert.Equal((4_000, 2_000d), (api.ThrottlingBurstLimit, api.ThrottlingRateLimit));
        Assert.InRange(api.ThrottlingBurstLimit, (int)api.ThrottlingRateLimit, 5_000);
        Assert.Equal(["ANY /{proxy+}"], api.Routes);
    }

    [Fact]
    public void Cors_is_off_until_an_environment_names_origins_then_allows_the_api_headers_and_exposes_the_client_ones()
    {
        var named = CloudTopology.Define(CloudEnvironment.Prod with { AllowedOrigins = ["https://dashboard.example"] }).HttpApi.Cors;

        Assert.False(Prod.HttpApi.Cors.Enabled);
        Assert.False(Dev.HttpApi.Cors.Enabled);
        Assert.True(named.Enabled);
        Assert.Equal(["https://dashboard.example"], named.AllowOrigins);
        Assert.Equal(["Authorization", "Content-Type", "Idempotency-Key", "X-Correlation-Id"], named.AllowHeaders);
        Assert.Equal(["Location", "Retry-After", "Idempotent-Replayed"], named.ExposeHeaders);
        Assert.Equal(["GET", "POST", "PATCH", "DELETE"], named.AllowMethods);
        Assert.Equal(600, named.MaxAgeSeconds);
    }

    [Fact]
    public void Topology_has_seven_functions_one_per_entry_mode_of_the_executable()
    {
        Assert.Equal(
            [CloudTopology.Api, CloudTopology.Worker, CloudTopology.Projector, CloudTopology.JobEnqueuer, CloudTopology.Sweeper, CloudTopology.Webhook, CloudTopology.Sequencer],
            Prod.Functions.Select(f => f.Name));
        Assert.Equal(Prod.Functions.Count, Prod.Functions.Select(f => f.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Sweeper_runs_every_minute_one_instance_at_a_time()
    {
        var sweeper = Function(CloudTopology.Sweeper);

        var schedule = Assert.IsType<FunctionTrigger.Schedule>(sweeper.Trigger);
        Assert.Equal("rate(1 minute)", schedule.Expression);
        Assert.Equal(1, sweeper.ReservedConcurrency);
        Assert.Single(Prod.Functions, f => f.Trigger is FunctionTrigger.Schedule);
        Assert.All(Prod.Functions.Where(f => f.Name != CloudTopology.Sweeper), f => Assert.Null(f.ReservedConcurrency));
    }

    [Fact]
    public void Sweeper_may_only_query_the_payments_indexes_send_to_the_payment_queue_and_write_its_logs()
    {
        var sweeper = Function(CloudTopology.Sweeper);
        var payments = Prod.Tables.Single(t => t.Name.EndsWith(DynamoDbPaymentsSchema.DefaultTableName, StringComparison.Ordinal)).Name;
        var paymentQueue = Prod.Queues.Single(q => q.Name == "payments-prod-payment-jobs").Name;

        var granted = sweeper.Policy.SelectMany(s => s.Actions.SelectMany(a => s.Resources.Select(r => (a, r)))).ToHashSet();

        Assert.Equal(
            new HashSet<(string, ResourceRef)>
            {
                ("dynamodb:Query", ResourceRef.TableIndexes(payments)),
                ("sqs:SendMessage", ResourceRef.Queue(paymentQueue)),
                ("logs:CreateLogStream", ResourceRef.LogGroup(CloudTopology.Sweeper)),
                ("logs:PutLogEvents", ResourceRef.LogGroup(CloudTopology.Sweeper)),
            },
            granted);
    }

    [Fact]
    public void Sweeper_reads_the_payments_table_sends_to_the_payment_queue_and_waits_out_a_jobs_visibility_before_requeueing()
    {
        var sweeper = Function(CloudTopology.Sweeper);
        var payments = Prod.Tables.Single(t => t.Name.EndsWith(DynamoDbPaymentsSchema.DefaultTableName, StringComparison.Ordinal)).Name;
        var paymentQueue = Prod.Queues.Single(q => q.Name == "payments-prod-payment-jobs");

        Assert.Equal(payments, sweeper.Environment["PAYMENTS_READ_MODEL_TABLE"].Literal);
        Assert.Equal(ResourceRef.Queue(paymentQueue.Name), sweeper.Environment["PAYMENTS_QUEUE_URL"].QueueUrlOf);
        var stallAfter = TimeSpan.Parse(sweeper.Environment["PAYMENTS_SWEEPER_STALL_AFTER"].Literal!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(CloudTopology.SweeperStallAfter, stallAfter);
        // A worker may hold a job for a whole visibility timeout without appending; requeueing sooner duplicates live jobs.
        Assert.True(stallAfter > TimeSpan.FromSeconds(paymentQueue.VisibilityTimeoutSeconds), $"stall-after {stallAfter} is not beyond the visibility timeout");
        Assert.True(stallAfter > TimeSpan.FromSeconds(Function(CloudTopology.Worker).TimeoutSeconds));
        Assert.True(TimeSpan.FromSeconds(sweeper.TimeoutSeconds) < stallAfter);
    }

    [Fact]
    public void Payments_table_has_the_sparse_open_by_idle_index_keyed_on_open_shard_and_updated_at()
    {
        var payments = Prod.Tables.Single(t => t.Name.EndsWith(DynamoDbPaymentsSchema.DefaultTableName, StringComparison.Ordinal));

        var index = payments.Table.GlobalSecondaryIndexes.Single(i => i.IndexName == DynamoDbPaymentsSchema.OpenByIdleIndex);

        Assert.Equal(
            [(DynamoDbPaymentItem.OpenShard, KeyType.HASH), (DynamoDbPaymentItem.UpdatedAt, KeyType.RANGE)],
            index.KeySchema.Select(k => (k.AttributeName, k.KeyType)));
    }

    [Theory]
    [InlineData(CloudTopology.Projector)]
    [InlineData(CloudTopology.JobEnqueuer)]
    public void Stream_consumers_report_partial_failures_bisect_and_keep_what_failed(string name)
    {
        var trigger = Assert.IsType<FunctionTrigger.Stream>(Function(name).Trigger);

        Assert.True(trigger.ReportBatchItemFailures);
        Assert.True(trigger.BisectBatchOnFunctionError);
        Assert.Contains(Prod.Queues, q => ResourceRef.Queue(q.Name) == trigger.OnFailure);
    }

    [Fact]
    public void Tables_are_on_demand_encrypted_and_recoverable_in_prod()
    {
        Assert.All(Prod.Tables, t => Assert.Equal((BillingMode.PAY_PER_REQUEST, true, true), (t.Table.BillingMode, t.ServerSideEncryption, t.PointInTimeRecovery)));
        Assert.All(Dev.Tables, t => Assert.False(t.PointInTimeRecovery));
        var events = Prod.Tables.Single(t => t.Name.EndsWith("payment_events", StringComparison.Ordinal));
        Assert.Equal(StreamViewType.NEW_IMAGE, events.Table.StreamSpecification.StreamViewType);
    }

    [Fact]
    public void Seed_alarms_exist_for_every_function_dead_letter_queue_and_table()
    {
        var names = Prod.Alarms.Select(a => a.Name).ToHashSet();

        // Seven functions' error rates, three stream consumers' iterator ages, the API's 5xx, four dead-letter queues, seven tables.
        Assert.Equal(7 + 3 + 1 + 4 + 7, Prod.Alarms.Count);
        Assert.Equal(Prod.Alarms.Count, names.Count);
        Assert.Contains("payments-prod-sweeper-error-rate", names);
        Assert.All(Prod.Functions, f => Assert.Contains($"payments-prod-{f.Name}-error-rate", names));
        Assert.All(Prod.Functions.Where(f => f.Trigger is FunctionTrigger.Stream), f => Assert.Contains($"payments-prod-{f.Name}-iterator-age", names));
        Assert.All(Prod.Queues.Where(q => q.Name.EndsWith("-dlq", StringComparison.Ordinal)), q => Assert.Contains($"{q.Name}-depth", names));
        Assert.All(Prod.Tables, t => Assert.Contains($"{t.Name}-throttles", names));
        Assert.Contains("payments-prod-api-5xx", names);
        Assert.Contains("payments-prod-webhook-error-rate", names);
        Assert.Contains("payments-prod-webhooks-dlq-depth", names);
        Assert.Contains("payments-prod-webhook_endpoints-throttles", names);
        Assert.Contains("payments-prod-webhook_deliveries-throttles", names);
        var errorRate = Prod.Alarms.Single(a => a.Name == "payments-prod-worker-error-rate");
        Assert.Equal(5, errorRate.Threshold);
        Assert.Contains("errors / invocations", errorRate.Expression, StringComparison.Ordinal);
    }

    [Fact]
    public void No_policy_statement_grants_a_wildcard_action_or_a_wildcard_resource_where_a_narrower_one_exists()
    {
        var statements = Prod.Functions.SelectMany(f => f.Policy.Select(s => (f.Name, s)));

        Assert.All(statements, pair =>
        {
            Assert.All(pair.s.Actions, action => Assert.DoesNotContain("*", action, StringComparison.Ordinal));
            Assert.NotEmpty(pair.s.Resources);
            if (pair.s.Resources.Contains(ResourceRef.AccountStreams))
            {
                Assert.Equal(["dynamodb:ListStreams"], pair.s.Actions);
            }
        });
    }

    [Fact]
    public void Every_resource_a_function_names_exists_in_the_topology()
    {
        var tables = Prod.Tables.Select(t => t.Name).ToHashSet();
        var queues = Prod.Queues.Select(q => q.Name).ToHashSet();
        var functions = Prod.Functions.Select(f => f.Name).ToHashSet();
        var references = Prod.Functions.SelectMany(f => f.Policy.SelectMany(s => s.Resources))
            .Concat(Prod.Functions.SelectMany(f => f.Environment.Values.SelectMany(v => new[] { v.QueueUrlOf, v.ArnOfResource }).OfType<ResourceRef>()))
            .Concat([Prod.Pipe.Source, Prod.Pipe.Target])
            .Concat(Prod.Rules.SelectMany(r => new[] { r.Bus, r.Target }))
            .Concat(Prod.QueuePolicies.SelectMany(p => p.SourceArns.Append(p.Queue)))
            .ToList();

        Assert.All(references, r => Assert.True(
            r.Kind switch
            {
                ResourceKind.Table or ResourceKind.TableIndexes or ResourceKind.TableStream => tables.Contains(r.Name),
                ResourceKind.Queue => queues.Contains(r.Name),
                ResourceKind.LogGroup => functions.Contains(r.Name),
                ResourceKind.EventBus => r.Name == Prod.EventBus,
                ResourceKind.AccountStreams => r == ResourceRef.AccountStreams,
                ResourceKind.Parameter => Prod.SecretParameters.Any(p => p.Name == r.Name),
                ResourceKind.Key => Prod.Keys.Any(k => k.Name == r.Name),
                ResourceKind.EventRule => Prod.Rules.Any(rule => rule.Name == r.Name),
                _ => false,
            },
            $"{r} is not in the topology"));
        Assert.Contains(references, r => r.Kind == ResourceKind.Key);
        Assert.Contains(references, r => r.Kind == ResourceKind.EventRule);
    }

    [Fact]
    public void Each_function_may_consume_its_own_trigger_and_nothing_it_does_not_call()
    {
        foreach (var function in Prod.Functions)
        {
            var granted = function.Policy.SelectMany(s => s.Actions.SelectMany(a => s.Resources.Select(r => (a, r)))).ToHashSet();
            switch (function.Trigger)
            {
                case FunctionTrigger.Sqs sqs:
                    Assert.Contains(("sqs:ReceiveMessage", sqs.Queue), granted);
                    Assert.Contains(("sqs:DeleteMessage", sqs.Queue), granted);
                    break;
                case FunctionTrigger.Stream stream:
                    Assert.Contains(("dynamodb:GetRecords", stream.Table), granted);
                    Assert.Contains(("sqs:SendMessage", stream.OnFailure), granted);
                    break;
            }

            Assert.Contains(granted, g => g.a == "logs:PutLogEvents" && g.r == ResourceRef.LogGroup(function.Name));
        }

        Assert.DoesNotContain(Function(CloudTopology.JobEnqueuer).Policy.SelectMany(s => s.Actions), a => a.StartsWith("dynamodb:Put", StringComparison.Ordinal));
        Assert.Equal(
            [("sqs:SendMessage", ResourceRef.Queue(WebhookQueue.Name))],
            Grants(Function(CloudTopology.Api)).Where(g => g.Action.StartsWith("sqs:", StringComparison.Ordinal)));
        Assert.DoesNotContain(Function(CloudTopology.Sweeper).Policy.SelectMany(s => s.Actions), a => a is "dynamodb:PutItem" or "dynamodb:UpdateItem" or "sqs:ReceiveMessage" or "sqs:DeleteMessage");
    }

    [Fact]
    public void Api_reads_its_key_hashes_from_a_secure_parameter_and_no_function_holds_a_secret_in_its_environment()
    {
        var api = Function(CloudTopology.Api);
        var parameter = Assert.Single(Prod.SecretParameters);

        Assert.Equal(parameter.Name, api.Environment["PAYMENTS_API_KEY_HASHES_PARAMETER"].Literal);
        Assert.Contains(api.Policy, s => s.Actions.SequenceEqual(["ssm:GetParameter"]) && s.Resources.SequenceEqual([ResourceRef.Parameter(parameter.Name)]));
        Assert.All(Prod.Functions, f => Assert.DoesNotContain(f.Environment.Keys, k => k is "PAYMENTS_API_KEY_HASHES" or "PAYMENTS_API_KEYS"));
    }

    [Fact]
    public void Webhook_queue_has_the_seed_figures_and_dead_letters_after_five_receives()
    {
        Assert.Equal(
            (WebhookQueueSpec.VisibilityTimeoutSeconds, WebhookQueueSpec.MessageRetentionSeconds, WebhookQueueSpec.MaxReceiveCount),
            (WebhookQueue.VisibilityTimeoutSeconds, WebhookQueue.MessageRetentionSeconds, WebhookQueue.MaxReceiveCount));
        Assert.Equal((60, 4 * 24 * 3600, 5), (WebhookQueue.VisibilityTimeoutSeconds, WebhookQueue.MessageRetentionSeconds, WebhookQueue.MaxReceiveCount));
        Assert.Contains(WebhookQueue.DeadLetter!, Prod.Queues);
        Assert.Equal(WebhookQueueSpec.DeadLetterRetentionSeconds, WebhookQueue.DeadLetter!.MessageRetentionSeconds);
    }

    [Fact]
    public void Webhook_function_takes_batches_of_ten_from_the_webhook_queue_with_partial_batch_failures()
    {
        var webhook = Function(CloudTopology.Webhook);

        Assert.Equal((256, 30), (webhook.MemoryMb, webhook.TimeoutSeconds));
        var sqs = Assert.IsType<FunctionTrigger.Sqs>(webhook.Trigger);
        Assert.Equal((ResourceRef.Queue(WebhookQueue.Name), WebhookQueueSpec.BatchSize, true), (sqs.Queue, sqs.BatchSize, sqs.ReportBatchItemFailures));
        // Lambda refuses a queue whose visibility timeout is shorter than the function's timeout.
        Assert.True(WebhookQueue.VisibilityTimeoutSeconds >= webhook.TimeoutSeconds);
    }

    [Fact]
    public void Webhook_function_may_use_the_webhook_store_read_the_ledger_work_its_queue_and_only_decrypt_secrets()
    {
        var webhook = Function(CloudTopology.Webhook);
        var tables = DynamoDbWebhookTables.WithPrefix(Prod.Environment.Prefix);
        var events = Prod.Pipe.Source.Name;
        var queue = ResourceRef.Queue(WebhookQueue.Name);
        var key = ResourceRef.Key(WebhookKey.Name);

        Assert.Equal(
            new HashSet<(string, ResourceRef)>
            {
                ("dynamodb:GetItem", ResourceRef.Table(tables.Endpoints)),
                ("dynamodb:PutItem", ResourceRef.Table(tables.Endpoints)),
                ("dynamodb:Query", ResourceRef.Table(tables.Endpoints)),
                ("dynamodb:GetItem", ResourceRef.Table(tables.Deliveries)),
                ("dynamodb:PutItem", ResourceRef.Table(tables.Deliveries)),
                ("dynamodb:Query", ResourceRef.Table(tables.Deliveries)),
                ("dynamodb:Query", ResourceRef.TableIndexes(tables.Deliveries)),
                ("dynamodb:GetItem", ResourceRef.Table(events)),
                ("dynamodb:Query", ResourceRef.Table(events)),
                ("sqs:ReceiveMessage", queue),
                ("sqs:DeleteMessage", queue),
                ("sqs:ChangeMessageVisibility", queue),
                ("sqs:GetQueueAttributes", queue),
                ("sqs:SendMessage", queue),
                ("sqs:SendMessage", ResourceRef.Queue(WebhookQueue.DeadLetter!.Name)),
                ("kms:Decrypt", key),
                ("logs:CreateLogStream", ResourceRef.LogGroup(CloudTopology.Webhook)),
                ("logs:PutLogEvents", ResourceRef.LogGroup(CloudTopology.Webhook)),
            },
            Grants(webhook).ToHashSet());
    }

    [Fact]
    public void Every_function_exports_to_the_environments_otlp_collector_and_none_does_without_one()
    {
        var traced = CloudTopology.Define(CloudEnvironment.Prod with { OtlpEndpoint = "https://collector.internal:4317" });

        Assert.All(traced.Functions, f => Assert.Equal("https://collector.internal:4317", f.Environment[CloudTopology.OtlpEndpointVariable].Literal));
        Assert.Equal(Prod.Functions.Select(f => f.Environment.Count + 1), traced.Functions.Select(f => f.Environment.Count));
        Assert.All(Prod.Functions.Concat(Dev.Functions), f => Assert.False(f.Environment.ContainsKey(CloudTopology.OtlpEndpointVariable)));
    }

    [Fact]
    public void Webhook_function_is_told_its_tables_queues_key_and_the_event_store_prefix()
    {
        var environment = Function(CloudTopology.Webhook).Environment;
        var tables = DynamoDbWebhookTables.WithPrefix(Prod.Environment.Prefix);

        Assert.Equal(Prod.Environment.Prefix, environment["PAYMENTS_TABLE_PREFIX"].Literal);
        Assert.Equal(tables.Endpoints, environment[CloudTopology.WebhookEndpointsTableVariable].Literal);
        Assert.Equal(tables.Deliveries, environment[CloudTopology.WebhookDeliveriesTableVariable].Literal);
        Assert.Equal(ResourceRef.Queue(WebhookQueue.Name), environment[CloudTopology.WebhookQueueUrlVariable].QueueUrlOf);
        Assert.Equal(ResourceRef.Queue(WebhookQueue.DeadLetter!.Name), environment[CloudTopology.WebhookDeadLetterQueueUrlVariable].QueueUrlOf);
        Assert.Equal(ResourceRef.Key(WebhookKey.Name), environment[CloudTopology.WebhookKeyIdVariable].ArnOfResource);
    }

    [Fact]
    public void Api_may_manage_endpoints_read_deliveries_queue_redeliveries_and_seal_and_open_secrets()
    {
        var api = Function(CloudTopology.Api);
        var tables = DynamoDbWebhookTables.WithPrefix(Prod.Environment.Prefix);
        var key = ResourceRef.Key(WebhookKey.Name);
        var granted = Grants(api).ToHashSet();

        Assert.Superset(
            new HashSet<(string, ResourceRef)>
            {
                ("dynamodb:GetItem", ResourceRef.Table(tables.Endpoints)),
                ("dynamodb:PutItem", ResourceRef.Table(tables.Endpoints)),
                ("dynamodb:DeleteItem", ResourceRef.Table(tables.Endpoints)),
                ("dynamodb:Query", ResourceRef.Table(tables.Endpoints)),
                ("dynamodb:GetItem", ResourceRef.Table(tables.Deliveries)),
                ("dynamodb:PutItem", ResourceRef.Table(tables.Deliveries)),
                ("dynamodb:Query", ResourceRef.TableIndexes(tables.Deliveries)),
                ("kms:Encrypt", key),
                ("kms:Decrypt", key),
            },
            granted);
        Assert.DoesNotContain(granted, g => g.Action == "dynamodb:DeleteItem" && g.Resource == ResourceRef.Table(tables.Deliveries));
        Assert.Equal(ResourceRef.Key(WebhookKey.Name), api.Environment[CloudTopology.WebhookKeyIdVariable].ArnOfResource);
        Assert.Equal(ResourceRef.Queue(WebhookQueue.Name), api.Environment[CloudTopology.WebhookQueueUrlVariable].QueueUrlOf);
    }

    [Fact]
    public void Only_the_api_and_the_webhook_function_may_use_the_webhook_key_and_only_the_api_encrypts()
    {
        var key = WebhookKey;
        var users = Prod.Functions.Where(f => Grants(f).Any(g => g.Resource == ResourceRef.Key(key.Name))).Select(f => f.Name);

        Assert.True(key.EnableKeyRotation);
        Assert.Equal([CloudTopology.Api, CloudTopology.Webhook], users);
        Assert.DoesNotContain(Grants(Function(CloudTopology.Webhook)), g => g.Action == "kms:Encrypt");
    }

    [Fact]
    public void Bus_has_one_rule_per_shared_routing_rule_with_its_pattern_verbatim_targeting_the_webhook_queue()
    {
        var webhookRules = Prod.Rules.Where(r => r.Target == ResourceRef.Queue(WebhookQueue.Name)).ToList();

        Assert.Equal(
            WebhookRoutingRules.All.Select(r => (Prod.Environment.Prefix + r.Name, r.Description, r.EventPattern)),
            webhookRules.Select(r => (r.Name, r.Description, r.EventPattern)));
        Assert.All(Prod.Rules, r => Assert.Equal(ResourceRef.Bus(Prod.EventBus), r.Bus));
        Assert.Equal([.. webhookRules, FinanceRule], Prod.Rules);
    }

    [Fact]
    public void Webhook_queue_lets_eventbridge_send_only_on_behalf_of_the_webhook_rules()
    {
        var policy = Assert.Single(Prod.QueuePolicies, p => p.Queue == ResourceRef.Queue(WebhookQueue.Name));

        Assert.Equal("events.amazonaws.com", policy.ServicePrincipal);
        Assert.Equal(["sqs:SendMessage"], policy.Actions);
        Assert.Equal(WebhookRoutingRules.All.Select(r => ResourceRef.Rule(Prod.Environment.Prefix + r.Name)), policy.SourceArns);
    }

    [Fact]
    public void Finance_rule_sends_every_ledger_envelope_whole_to_the_finance_queue()
    {
        Assert.Equal("payments-prod-finance-ledger-events", FinanceRule.Name);
        Assert.Equal("""{"source":["payments.ledger"]}""", FinanceRule.EventPattern);
        Assert.Equal(ResourceRef.Queue(FinanceQueue.Name), FinanceRule.Target);
        var pattern = EventPattern.Parse(FinanceRule.EventPattern);
        Assert.All(PaymentEventCodec.TypeNames, type => Assert.True(pattern.Matches(LedgerEventEnvelope.From(Stored(type)).ToJson()), type));
    }

    [Fact]
    public void Finance_queue_keeps_envelopes_14_days_and_dead_letters_after_five_receives()
    {
        Assert.Equal((60, 14 * 24 * 3600, 20, 5), (FinanceQueue.VisibilityTimeoutSeconds, FinanceQueue.MessageRetentionSeconds, FinanceQueue.ReceiveWaitSeconds, FinanceQueue.MaxReceiveCount));
        Assert.Contains(FinanceQueue.DeadLetter!, Prod.Queues);
        Assert.Equal(14 * 24 * 3600, FinanceQueue.DeadLetter!.MessageRetentionSeconds);
        Assert.Contains(Prod.Alarms, a => a.Name == $"{FinanceQueue.DeadLetter.Name}-depth");
    }

    [Fact]
    public void Finance_queue_lets_eventbridge_send_only_on_behalf_of_the_finance_rule_and_no_function_touches_it()
    {
        var policy = Assert.Single(Prod.QueuePolicies, p => p.Queue == ResourceRef.Queue(FinanceQueue.Name));

        Assert.Equal("events.amazonaws.com", policy.ServicePrincipal);
        Assert.Equal(["sqs:SendMessage"], policy.Actions);
        Assert.Equal([ResourceRef.Rule(FinanceRule.Name)], policy.SourceArns);
        Assert.Equal(2, Prod.QueuePolicies.Count);
        Assert.DoesNotContain(Prod.Functions.SelectMany(Grants), g => g.Resource == ResourceRef.Queue(FinanceQueue.Name) || g.Resource == ResourceRef.Queue(FinanceQueue.DeadLetter!.Name));
    }

    private static QueueDefinition FinanceQueue => Prod.Queues.Single(q => q.Name == "payments-prod-finance-events");

    private static EventRuleDefinition FinanceRule => Prod.Rules.Single(r => r.Target == ResourceRef.Queue(FinanceQueue.Name));

    [Fact]
    public void Audit_log_is_one_table_keyed_by_a_string_partition_and_a_number_sort_key()
    {
        var audit = Prod.Tables.Single(t => t.Name == Prod.Environment.Prefix + DynamoDbAuditLogSchema.DefaultTableName);

        Assert.Equal(
            [(DynamoDbAuditLogSchema.PartitionKey, KeyType.HASH, ScalarAttributeType.S), (DynamoDbAuditLogSchema.SortKey, KeyType.RANGE, ScalarAttributeType.N)],
            audit.Table.KeySchema.Select(k => (k.AttributeName, k.KeyType, audit.Table.AttributeDefinitions.Single(a => a.AttributeName == k.AttributeName).AttributeType)));
        Assert.Empty(audit.Table.GlobalSecondaryIndexes ?? []);
        Assert.Contains($"{audit.Name}-throttles", Prod.Alarms.Select(a => a.Name));
    }

    [Fact]
    public void Audit_checkpoints_are_signed_by_an_unrotated_p256_kms_key_pair_and_the_webhook_key_stays_symmetric()
    {
        var audit = Prod.Keys.Single(k => k.Name == "payments-prod-audit-checkpoints");

        Assert.Equal(("ECC_NIST_P256", "SIGN_VERIFY", false), (audit.KeySpec, audit.KeyUsage, audit.EnableKeyRotation));
        Assert.Equal(("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT"), (WebhookKey.KeySpec, WebhookKey.KeyUsage));
        Assert.Equal(2, Prod.Keys.Count);
    }

    private static KeyDefinition WebhookKey => Prod.Keys.Single(k => k.Name == "payments-prod-webhook-secrets");

    private static QueueDefinition WebhookQueue => Prod.Queues.Single(q => q.Name == "payments-prod-webhooks");

    private static StoredEvent Stored(string type) =>
        new(StreamId.For(Guid.NewGuid()), 1, 1, type, 1, DateTimeOffset.UnixEpoch, "{}", new EventMetadata("c", null, "t"), "h");

    [Fact]
    public void Api_reads_the_sandbox_ramps_only_through_their_statement_index_for_reconciliation()
    {
        var api = Function(CloudTopology.Api);
        var ramps = Prod.Tables.Single(t => t.Name.EndsWith(DynamoDbRampExecutionLog.DefaultTableName, StringComparison.Ordinal));
        var payments = Prod.Tables.Single(t => t.Name.EndsWith(DynamoDbPaymentsSchema.DefaultTableName, StringComparison.Ordinal));

        Assert.Equal([("dynamodb:Query", ResourceRef.TableIndexes(ramps.Name))], Grants(api).Where(g => g.Resource.Name == ramps.Name));
        Assert.Contains(("dynamodb:Query", ResourceRef.TableIndexes(payments.Name)), Grants(api));
        Assert.Equal(ramps.Name, api.Environment["PAYMENTS_RAMPS_TABLE"].Literal);
        Assert.Contains(ramps.Table.GlobalSecondaryIndexes, i => i.IndexName == DynamoDbRampExecutionLog.ExecutedIndex);
        Assert.Contains(payments.Table.GlobalSecondaryIndexes, i => i.IndexName == DynamoDbPaymentsSchema.RequestedByDayIndex);
    }

    private static IEnumerable<(string Action, ResourceRef Resource)> Grants(FunctionDefinition function) =>
        function.Policy.SelectMany(s => s.Actions.SelectMany(a => s.Resources.Select(r => (a, r))));

    private static FunctionDefinition Function(string name) => Prod.Functions.Single(f => f.Name == name);

    [Fact]
    public void Sequencer_reads_the_events_stream_and_alone_appends_to_the_audit_log_signing_with_the_audit_key()
    {
        var sequencer = Prod.Functions.Single(f => f.Name == CloudTopology.Sequencer);
        var api = Prod.Functions.Single(f => f.Name == CloudTopology.Api);
        var auditTable = ResourceRef.Table(Prod.Environment.Prefix + DynamoDbAuditLogSchema.DefaultTableName);
        var auditKey = ResourceRef.Key("payments-prod-audit-checkpoints");

        Assert.IsType<FunctionTrigger.Stream>(sequencer.Trigger);
        Assert.Contains(Grants(sequencer), g => g.Resource == auditTable && g.Action == "dynamodb:ConditionCheckItem");
        Assert.Contains(Grants(sequencer), g => g.Resource == auditKey && g.Action == "kms:Sign");
        Assert.DoesNotContain(Prod.Functions.Where(f => f.Name != CloudTopology.Sequencer).SelectMany(Grants), g => g.Resource == auditTable && g.Action is "dynamodb:ConditionCheckItem" or "dynamodb:UpdateItem");
        Assert.Contains(Grants(api), g => g.Resource == auditKey && g.Action == "kms:GetPublicKey");
        Assert.All([sequencer, api], f => Assert.Equal(EnvironmentValue.Of(Prod.Environment.Prefix + DynamoDbAuditLogSchema.DefaultTableName), f.Environment[CloudTopology.AuditTableVariable]));
    }
}

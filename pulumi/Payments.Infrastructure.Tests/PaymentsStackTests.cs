using System.Collections.Immutable;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Payments.Aws.Topology;
using Pulumi;
using Pulumi.Utilities;

namespace Payments.Infrastructure.Tests;

/// <summary>
/// The program is a mapping, so these check that what it registers is what the topology says, read back from the
/// mocks under the provider's own property names.
/// </summary>
public sealed class PaymentsStackTests
{
    private static readonly CloudTopology Prod = CloudTopology.Define(CloudEnvironment.Prod);
    private static readonly CloudTopology Dev = CloudTopology.Define(CloudEnvironment.Dev);

    [Fact]
    public async Task Every_table_definition_becomes_one_on_demand_table_encrypted_and_recoverable_in_prod()
    {
        var stack = await ProvisionedStack.Of(Prod);
        var tables = stack.OfType(ResourceTypes.Table);

        Assert.Equal(Sorted(Prod.Tables.Select(t => t.Name)), Sorted(tables.Select(t => t.Inputs.Text("name"))));
        Assert.All(tables, table =>
        {
            Assert.Equal("PAY_PER_REQUEST", table.Inputs.Text("billingMode"));
            Assert.True(table.Inputs.Block("pointInTimeRecovery").Flag("enabled"));
            Assert.True(table.Inputs.Block("serverSideEncryption").Flag("enabled"));
        });
    }

    [Fact]
    public async Task Dev_tables_leave_point_in_time_recovery_off()
    {
        var stack = await ProvisionedStack.Of(Dev);

        Assert.All(stack.OfType(ResourceTypes.Table), table => Assert.False(table.Inputs.Block("pointInTimeRecovery").Flag("enabled")));
    }

    [Fact]
    public async Task Events_table_streams_new_images_keyed_by_payment_and_version()
    {
        var stack = await ProvisionedStack.Of(Prod);
        var definition = Prod.Tables.Single(t => t.Name.EndsWith("payment_events", StringComparison.Ordinal));
        var events = stack.OfType(ResourceTypes.Table).Single(t => t.Inputs.Text("name") == definition.Name);

        Assert.True(events.Inputs.Flag("streamEnabled"));
        Assert.Equal("NEW_IMAGE", events.Inputs.Text("streamViewType"));
        Assert.Equal(definition.Table.KeySchema.Single(k => k.KeyType == KeyType.HASH).AttributeName, events.Inputs.Text("hashKey"));
        Assert.Equal(definition.Table.KeySchema.Single(k => k.KeyType == KeyType.RANGE).AttributeName, events.Inputs.Text("rangeKey"));
    }

    [Fact]
    public async Task Webhook_deliveries_table_keeps_every_index_the_store_queries()
    {
        var stack = await ProvisionedStack.Of(Prod);
        var definition = Prod.Tables.Single(t => t.Name.EndsWith("webhook_deliveries", StringComparison.Ordinal));
        var table = stack.OfType(ResourceTypes.Table).Single(t => t.Inputs.Text("name") == definition.Name);
        var indexes = table.Inputs.Blocks("globalSecondaryIndexes");

        Assert.Equal(definition.Table.GlobalSecondaryIndexes.Count, indexes.Count);
        foreach (var expected in definition.Table.GlobalSecondaryIndexes)
        {
            var index = Assert.Single(indexes, i => i.Text("name") == expected.IndexName);
            Assert.Equal(expected.KeySchema.Single(k => k.KeyType == KeyType.HASH).AttributeName, index.Text("hashKey"));
            Assert.Equal(expected.KeySchema.Single(k => k.KeyType == KeyType.RANGE).AttributeName, index.Text("rangeKey"));
            Assert.Equal(expected.Projection.ProjectionType.Value, index.Text("projectionType"));
        }
    }

    [Fact]
    public async Task Payment_queue_hides_a_job_for_300_s_and_dead_letters_it_after_3_receives()
    {
        var stack = await ProvisionedStack.Of(Prod);
        var queues = stack.OfType(ResourceTypes.Queue);
        var definition = Prod.Queues.Single(q => q.Name == Prod.Environment.Prefix + "payment-jobs");
        var queue = queues.Single(q => q.Inputs.Text("name") == definition.Name);
        var deadLetter = queues.Single(q => q.Inputs.Text("name") == definition.DeadLetter!.Name);

        Assert.Equal(Prod.Queues.Count, queues.Count);
        Assert.Equal(300, queue.Inputs.Integer("visibilityTimeoutSeconds"));
        Assert.Equal(definition.MessageRetentionSeconds, queue.Inputs.Integer("messageRetentionSeconds"));
        Assert.Equal(definition.ReceiveWaitSeconds, queue.Inputs.Integer("receiveWaitTimeSeconds"));
        using var redrive = JsonDocument.Parse(queue.Inputs.Text("redrivePolicy"));
        Assert.Equal(3, redrive.RootElement.GetProperty("maxReceiveCount").GetInt32());
        Assert.Equal(deadLetter.State.Text("arn"), redrive.RootElement.GetProperty("deadLetterTargetArn").GetString());
        Assert.False(deadLetter.Inputs.Has("redrivePolicy"));
    }

    [Fact]
    public async Task Every_function_runs_the_bundle_on_provided_al2023_with_its_size_behind_the_live_alias()
    {
        var stack = await ProvisionedStack.Of(Prod);
        var functions = stack.OfType(ResourceTypes.Function);
        var aliases = stack.OfType(ResourceTypes.Alias);

        Assert.Equal(Prod.Functions.Count, functions.Count);
        foreach (var definition in Prod.Functions)
        {
            var name = NameOf(Prod, definition);
            var function = Assert.Single(functions, f => f.Inputs.Text("name") == name);
            Assert.Equal("provided.al2023", function.Inputs.Text("runtime"));
            Assert.Equal(definition.Handler, function.Inputs.Text("handler"));
            Assert.Equal(new[] { "x86_64" }, function.Inputs.Texts("architectures"));
            Assert.Equal(definition.MemoryMb, function.Inputs.Integer("memorySize"));
            Assert.Equal(definition.TimeoutSeconds, function.Inputs.Integer("timeout"));
            Assert.True(function.Inputs.Flag("publish"));
            Assert.False(function.Inputs.Has("reservedConcurrentExecutions"));
            var alias = Assert.Single(aliases, a => a.Inputs.Text("functionName") == name);
            Assert.Equal("live", alias.Inputs.Text("name"));
            Assert.Equal(function.State.Text("version"), alias.Inputs.Text("functionVersion"));
        }
    }

    [Fact]
    public async Task Every_function_logs_to_its_own_group_kept_as_long_as_the_environment_says()
    {
        var stack = await ProvisionedStack.Of(Prod);
        var groups = stack.OfType(ResourceTypes.LogGroup);

        Assert.All(Prod.Functions, definition =>
        {
            var group = Assert.Single(groups, g => g.Inputs.Text("name") == $"/aws/lambda/{NameOf(Prod, definition)}");
            Assert.Equal(Prod.Environment.LogRetentionDays, group.Inputs.Integer("retentionInDays"));
        });
    }

    [Fact]
    public async Task Environment_variables_carry_literals_and_the_provisioned_queue_urls()
    {
        var stack = await ProvisionedStack.Of(Prod);
        var urls = stack.OfType(ResourceTypes.Queue).ToDictionary(q => q.Inputs.Text("name"), q => q.State.Text("url"), StringComparer.Ordinal);
        var keyArns = stack.OfType(ResourceTypes.Key).ToDictionary(k => k.Name, k => k.State.Text("arn"), StringComparer.Ordinal);
        var functions = stack.OfType(ResourceTypes.Function);

        foreach (var definition in Prod.Functions)
        {
            var variables = functions.Single(f => f.Inputs.Text("name") == NameOf(Prod, definition)).Inputs.Block("environment").Block("variables");
            foreach (var (key, value) in definition.Environment)
            {
                var expected = value switch
                {
                    { QueueUrlOf: { } queue } => urls[queue.Name],
                    { ArnOfResource: { Kind: ResourceKind.Key } resource } => keyArns[resource.Name],
                    _ => value.Literal,
                };
                Assert.Equal(expected, variables.Text(key));
            }
        }

        Assert.Contains(Prod.Functions, f => f.Environment.Values.Any(v => v.ArnOfResource is not null));
    }

    [Fact]
    public async Task Every_event_source_mapping_invokes_a_live_alias_never_the_bare_function()
    {
        var stack = await ProvisionedStack.Of(Prod);
        var aliasArns = stack.OfType(ResourceTypes.Alias).Select(a => a.State.Text("arn")).ToHashSet(StringComparer.Ordinal);
        var mappings = stack.OfType(ResourceTypes.EventSourceMapping);

        Assert.Equal(Prod.Functions.Count(f => f.Trigger is FunctionTrigger.Sqs or FunctionTrigger.Stream), mappings.Count);
        Assert.All(mappings, mapping =>
        {
            Assert.Contains(mapping.Inputs.Text("functionName"), aliasArns);
            Assert.EndsWith(":" + FunctionDefinition.LiveAlias, mapping.Inputs.Text("functionName"), StringComparison.Ordinal);
            Assert.Equal(new[] { "ReportBatchItemFailures" }, mapping.Inputs.Texts("functionResponseTypes"));
        });
    }

    [Fact]
    public async Task Queue_mappings_take_the_topology_batch_from_the_queue()
    {
        var stack = await ProvisionedStack.Of(Prod);
        var queueArns = ArnsByName(stack, ResourceTypes.Queue);

        foreach (var mapping in stack.OfType(ResourceTypes.EventSourceMapping))
        {
            if (FunctionBehind(mapping).Trigger is not FunctionTrigger.Sqs trigger)
            {
                continue;
            }

            Assert.Equal(queueArns[trigger.Queue.Name], mapping.Inputs.Text("eventSourceArn"));
            Assert.Equal(trigger.BatchSize, mapping.Inputs.Integer("batchSize"));
            Assert.False(mapping.Inputs.Has("startingPosition"));
            Assert.Equal(trigger.MaximumConcurrency is not null, mapping.Inputs.Has("scalingConfig"));
        }
    }

    [Fact]
    public async Task Stream_mappings_retry_bisect_and_send_what_still_fails_to_the_failure_queue()
    {
        var stack = await ProvisionedStack.Of(Prod);
        var queueArns = ArnsByName(stack, ResourceTypes.Queue);
        var streamArns = stack.OfType(ResourceTypes.Table).ToDictionary(t => t.Inputs.Text("name"), t => t.State.Text("streamArn"), StringComparer.Ordinal);
        var checkedMappings = 0;

        foreach (var mapping in stack.OfType(ResourceTypes.EventSourceMapping))
        {
            if (FunctionBehind(mapping).Trigger is not FunctionTrigger.Stream trigger)
            {
                continue;
            }

            Assert.Equal(streamArns[trigger.Table.Name], mapping.Inputs.Text("eventSourceArn"));
            Assert.Equal(trigger.StartingPosition, mapping.Inputs.Text("startingPosition"));
            Assert.Equal(trigger.BatchSize, mapping.Inputs.Integer("batchSize"));
            Assert.Equal(trigger.MaximumRetryAttempts, mapping.Inputs.Integer("maximumRetryAttempts"));
            Assert.Equal(trigger.BisectBatchOnFunctionError, mapping.Inputs.Flag("bisectBatchOnFunctionError"));
            Assert.Equal(queueArns[trigger.OnFailure.Name], mapping.Inputs.Block("destinationConfig").Block("onFailure").Text("destinationArn"));
            checkedMappings++;
        }

        Assert.Equal(Prod.Functions.Count(f => f.Trigger is FunctionTrigger.Stream), checkedMappings);
    }

    [Fact]
    public async Task No_policy_document_grants_a_wildcard_action_or_resource()
    {
        var stack = await ProvisionedStack.Of(Prod);
        var documents = stack.OfType(ResourceTypes.RolePolicy).Select(p => p.Inputs.Text("policy")).ToList();

        // One per function, one for the pipe, one for the scheduler that invokes the sweeper.
        Assert.Equal(Prod.Functions.Count + 2, documents.Count);
        foreach (var document in documents)
        {
            using var json = JsonDocument.Parse(document);
            foreach (var statement in json.RootElement.GetProperty("Statement").EnumerateArray())
            {
                Assert.Equal("Allow", statement.GetProperty("Effect").GetString());
                Assert.All(Strings(statement.GetProperty("Action")), action =>
                {
                    Assert.NotEqual("*", action);
                    Assert.False(action.EndsWith(":*", StringComparison.Ordinal), $"{action} grants a whole service.");
                });
                var actions = Strings(statement.GetProperty("Action")).ToList();
                // dynamodb:ListStreams has no resource type in IAM; every other action is scoped.
                Assert.All(Strings(statement.GetProperty("Resource")), resource => Assert.True(resource != "*" || actions.SequenceEqual(["dynamodb:ListStreams"]), $"{string.Join(",", actions)} on *"));
            }
        }

        Assert.All(stack.OfType(ResourceTypes.Role), role => Assert.DoesNotContain("\"*\"", role.Inputs.Text("assumeRolePolicy"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_policy_resource_is_an_arn_the_program_provisioned()
    {
        var stack = await ProvisionedStack.Of(Prod);
        var provisioned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in stack.OfType(ResourceTypes.Table))
        {
            provisioned.UnionWith([table.State.Text("arn"), table.State.Text("arn") + "/index/*", table.State.Text("streamArn")]);
        }

        provisioned.UnionWith(stack.OfType(ResourceTypes.Queue).Select(q => q.State.Text("arn")));
        provisioned.UnionWith(stack.OfType(ResourceTypes.LogGroup).Select(g => g.State.Text("arn") + ":*"));
        provisioned.UnionWith(stack.OfType(ResourceTypes.EventBus).Select(b => b.State.Text("arn")));
        provisioned.UnionWith(stack.OfType(ResourceTypes.Key).Select(k => k.State.Text("arn")));

        var resources = stack.OfType(ResourceTypes.RolePolicy)
            .SelectMany(p => JsonDocument.Parse(p.Inputs.Text("policy")).RootElement.GetProperty("Statement").EnumerateArray().ToList())
            .SelectMany(statement => Strings(statement.GetProperty("Resource")))
            .ToList();
        Assert.NotEmpty(resources);
        Assert.All(resources, resource => Assert.Contains(resource, provisioned));
    }

    [Fact]
    public async Task Ledger_pipe_reads_the_events_stream_from_its_start_and_puts_every_insert_on_the_bus()
    {
        var stack = await ProvisionedStack.Of(Prod);
        var pipe = Assert.Single(stack.OfType(ResourceTypes.Pipe));
        var events = stack.OfType(ResourceTypes.Table).Single(t => t.Inputs.Text("name") == Prod.Pipe.Source.Name);
        var bus = Assert.Single(stack.OfType(ResourceTypes.EventBus));

        Assert.Equal(Prod.EventBus, bus.Inputs.Text("name"));
        Assert.Equal(events.State.Text("streamArn"), pipe.Inputs.Text("source"));
        Assert.Equal(bus.State.Text("arn"), pipe.Inputs.Text("target"));
        var source = pipe.Inputs.Block("sourceParameters");
        Assert.Equal("TRIM_HORIZON", source.Block("dynamodbStreamParameters").Text("startingPosition"));
        Assert.Equal(Prod.Pipe.FilterPattern, Assert.Single(source.Block("filterCriteria").Blocks("filters")).Text("pattern"));
        var target = pipe.Inputs.Block("targetParameters");
        Assert.Equal(Prod.Pipe.DetailTemplate, target.Text("inputTemplate"));
        Assert.Equal(Prod.Pipe.EventSource, target.Block("eventbridgeEventBusParameters").Text("source"));
        Assert.Equal(Prod.Pipe.DetailTypePath, target.Block("eventbridgeEventBusParameters").Text("detailType"));
    }

    [Fact]
    public async Task Http_api_proxies_every_route_to_the_api_alias_behind_a_throttled_default_stage()
    {
        var stack = await ProvisionedStack.Of(Prod);
        var api = Assert.Single(stack.OfType(ResourceTypes.Api));
        var integration = Assert.Single(stack.OfType(ResourceTypes.Integration));
        var handler = Prod.Functions.Single(f => f.Trigger is FunctionTrigger.HttpApi);
        var alias = stack.OfType(ResourceTypes.Alias).Single(a => a.Inputs.Text("functionName") == NameOf(Prod, handler));

        Assert.Equal("HTTP", api.Inputs.Text("protocolType"));
        Assert.Equal(Prod.HttpApi.Cors.Enabled, api.Inputs.Has("corsConfiguration"));
        Assert.Equal("AWS_PROXY", integration.Inputs.Text("integrationType"));
        Assert.Equal("2.0", integration.Inputs.Text("payloadFormatVersion"));
        Assert.Equal(alias.State.Text("arn"), integration.Inputs.Text("integrationUri"));

        var routes = stack.OfType(ResourceTypes.Route);
        Assert.Equal(Sorted(Prod.HttpApi.Routes), Sorted(routes.Select(r => r.Inputs.Text("routeKey"))));
        Assert.All(routes, route => Assert.Equal($"integrations/{integration.Id}", route.Inputs.Text("target")));

        var stage = Assert.Single(stack.OfType(ResourceTypes.Stage));
        Assert.Equal("$default", stage.Inputs.Text("name"));
        Assert.True(stage.Inputs.Flag("autoDeploy"));
        var throttling = stage.Inputs.Block("defaultRouteSettings");
        Assert.Equal(Prod.HttpApi.ThrottlingBurstLimit, throttling.Integer("throttlingBurstLimit"));
        Assert.Equal(Prod.HttpApi.ThrottlingRateLimit, throttling.Number("throttlingRateLimit"));
        Assert.Equal(Prod.HttpApi.AccessLogFormat, stage.Inputs.Block("accessLogSettings").Text("format"));

        var permission = Assert.Single(stack.OfType(ResourceTypes.Permission));
        Assert.Equal("apigateway.amazonaws.com", permission.Inputs.Text("principal"));
        Assert.Equal(FunctionDefinition.LiveAlias, permission.Inputs.Text("qualifier"));
        Assert.StartsWith(api.State.Text("executionArn"), permission.Inputs.Text("sourceArn"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allowed_origins_turn_on_cors_for_exactly_those_origins()
    {
        var origins = new[] { "https://dashboard.example" };
        var topology = Prod with { HttpApi = Prod.HttpApi with { Cors = CorsDefinition.For(origins) } };
        var stack = await ProvisionedStack.Of(topology);

        var cors = Assert.Single(stack.OfType(ResourceTypes.Api)).Inputs.Block("corsConfiguration");
        Assert.Equal(origins, cors.Texts("allowOrigins"));
        Assert.Equal(topology.HttpApi.Cors.AllowHeaders, cors.Texts("allowHeaders"));
        Assert.Equal(topology.HttpApi.Cors.ExposeHeaders, cors.Texts("exposeHeaders"));
        Assert.Equal(topology.HttpApi.Cors.AllowMethods, cors.Texts("allowMethods"));
        Assert.Equal(topology.HttpApi.Cors.MaxAgeSeconds, cors.Integer("maxAge"));
    }

    [Fact]
    public async Task Every_alarm_definition_becomes_one_alarm_with_its_metric_or_its_expression()
    {
        var stack = await ProvisionedStack.Of(Prod);
        var alarms = stack.OfType(ResourceTypes.MetricAlarm);

        Assert.Equal(Sorted(Prod.Alarms.Select(a => a.Name)), Sorted(alarms.Select(a => a.Inputs.Text("name"))));
        foreach (var definition in Prod.Alarms)
        {
            var alarm = Assert.Single(alarms, a => a.Inputs.Text("name") == definition.Name);
            Assert.Equal(definition.ComparisonOperator, alarm.Inputs.Text("comparisonOperator"));
            Assert.Equal(definition.Threshold, alarm.Inputs.Number("threshold"));
            Assert.Equal(definition.EvaluationPeriods, alarm.Inputs.Integer("evaluationPeriods"));
            if (definition.Expression is null)
            {
                var metric = Assert.Single(definition.Metrics);
                Assert.Equal(metric.Namespace, alarm.Inputs.Text("namespace"));
                Assert.Equal(metric.MetricName, alarm.Inputs.Text("metricName"));
                Assert.Equal(metric.Statistic, alarm.Inputs.Text("statistic"));
                Assert.Equal(definition.PeriodSeconds, alarm.Inputs.Integer("period"));
                Assert.False(alarm.Inputs.Has("metricQueries"));
            }
            else
            {
                var queries = alarm.Inputs.Blocks("metricQueries");
                var expression = Assert.Single(queries, q => q.Flag("returnData"));
                Assert.Equal(definition.Expression, expression.Text("expression"));
                var metrics = queries.Where(q => !q.Flag("returnData")).ToList();
                Assert.Equal(definition.Metrics.Select(m => m.Id).ToList(), metrics.Select(q => q.Text("id")).ToList());
                Assert.All(metrics, q => Assert.Equal(definition.PeriodSeconds, q.Block("metric").Integer("period")));
                Assert.False(alarm.Inputs.Has("metricName"));
            }
        }
    }

    [Fact]
    public async Task Api_5xx_alarm_watches_the_generated_api_id_not_the_api_name()
    {
        var stack = await ProvisionedStack.Of(Prod);
        var api = Assert.Single(stack.OfType(ResourceTypes.Api));
        var definition = Prod.Alarms.Single(a => a.Metrics.Any(m => m.Dimensions.ContainsKey("ApiId")));
        var alarm = stack.OfType(ResourceTypes.MetricAlarm).Single(a => a.Inputs.Text("name") == definition.Name);

        Assert.Equal(api.Id, alarm.Inputs.Block("dimensions").Text("ApiId"));
    }

    [Fact]
    public async Task A_scheduled_function_is_invoked_on_its_alias_by_eventbridge_scheduler()
    {
        var stack = await ProvisionedStack.Of(Prod);
        var sweeper = Prod.Functions.Single(f => f.Trigger is FunctionTrigger.Schedule);
        var name = NameOf(Prod, sweeper);
        var alias = stack.OfType(ResourceTypes.Alias).Single(a => a.Inputs.Text("functionName") == name);

        var schedule = Assert.Single(stack.OfType(ResourceTypes.Schedule));
        Assert.Equal(((FunctionTrigger.Schedule)sweeper.Trigger).Expression, schedule.Inputs.Text("scheduleExpression"));
        Assert.Equal(alias.State.Text("arn"), schedule.Inputs.Block("target").Text("arn"));
        Assert.Equal("OFF", schedule.Inputs.Block("flexibleTimeWindow").Text("mode"));
        var function = stack.OfType(ResourceTypes.Function).Single(f => f.Inputs.Text("name") == name);
        Assert.Equal(sweeper.ReservedConcurrency, function.Inputs.Integer("reservedConcurrentExecutions"));
    }

    [Fact]
    public async Task Outputs_name_the_endpoint_the_tables_and_every_queue_url()
    {
        var stack = await ProvisionedStack.Of(Prod);

        var endpoint = await OutputUtilities.GetValueAsync((Output<string>)stack.Outputs["httpApiEndpoint"]!);
        var tables = await OutputUtilities.GetValueAsync((Output<ImmutableArray<string>>)stack.Outputs["tableNames"]!);
        var queues = await OutputUtilities.GetValueAsync((Output<ImmutableDictionary<string, string>>)stack.Outputs["queueUrls"]!);

        Assert.StartsWith("https://", endpoint, StringComparison.Ordinal);
        Assert.Equal(Prod.Tables.Select(t => t.Name).ToList(), tables.ToList());
        Assert.Equal(Sorted(Prod.Queues.Select(q => q.Name)), Sorted(queues.Keys));
        Assert.All(queues, pair => Assert.EndsWith("/" + pair.Key, pair.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Webhook_function_takes_batches_of_ten_from_the_webhook_queue_and_reports_batch_item_failures()
    {
        var stack = await ProvisionedStack.Of(Prod);
        var webhook = Prod.Functions.Single(f => f.Name == CloudTopology.Webhook);
        var trigger = Assert.IsType<FunctionTrigger.Sqs>(webhook.Trigger);
        var mapping = Assert.Single(stack.OfType(ResourceTypes.EventSourceMapping), m => FunctionBehind(m) == webhook);

        Assert.Equal(ArnsByName(stack, ResourceTypes.Queue)[trigger.Queue.Name], mapping.Inputs.Text("eventSourceArn"));
        Assert.Equal(10, mapping.Inputs.Integer("batchSize"));
        Assert.Equal(new[] { "ReportBatchItemFailures" }, mapping.Inputs.Texts("functionResponseTypes"));
    }

    [Fact]
    public async Task Every_rule_definition_becomes_a_rule_on_the_bus_with_its_pattern_and_one_target_for_the_whole_event()
    {
        var stack = await ProvisionedStack.Of(Prod);
        var rules = stack.OfType(ResourceTypes.EventRule);
        var targets = stack.OfType(ResourceTypes.EventTarget);
        var queueArns = ArnsByName(stack, ResourceTypes.Queue);

        Assert.Equal(Prod.Rules.Count, rules.Count);
        Assert.Equal(Prod.Rules.Count, targets.Count);
        foreach (var definition in Prod.Rules)
        {
            var rule = Assert.Single(rules, r => r.Inputs.Text("name") == definition.Name);
            Assert.Equal(Prod.EventBus, rule.Inputs.Text("eventBusName"));
            Assert.Equal(definition.EventPattern, rule.Inputs.Text("eventPattern"));
            Assert.Equal(definition.Description, rule.Inputs.Text("description"));
            var target = Assert.Single(targets, t => t.Inputs.Text("rule") == definition.Name);
            Assert.Equal(Prod.EventBus, target.Inputs.Text("eventBusName"));
            Assert.Equal(queueArns[definition.Target.Name], target.Inputs.Text("arn"));
            Assert.False(target.Inputs.Has("inputTransformer"));
            Assert.False(target.Inputs.Has("inputPath"));
        }
    }

    [Fact]
    public async Task Each_queue_policy_lets_eventbridge_send_only_on_behalf_of_the_provisioned_rules_that_target_that_queue()
    {
        var stack = await ProvisionedStack.Of(Prod);
        var policies = stack.OfType(ResourceTypes.QueuePolicy);
        var ruleArns = stack.OfType(ResourceTypes.EventRule).ToDictionary(r => r.Inputs.Text("name"), r => r.State.Text("arn"), StringComparer.Ordinal);

        Assert.Equal(Prod.QueuePolicies.Count, policies.Count);
        Assert.Equal(2, Prod.QueuePolicies.Count);
        foreach (var definition in Prod.QueuePolicies)
        {
            var queue = stack.OfType(ResourceTypes.Queue).Single(q => q.Inputs.Text("name") == definition.Queue.Name);
            var policy = Assert.Single(policies, p => p.Inputs.Text("queueUrl") == queue.State.Text("url"));
            using var document = JsonDocument.Parse(policy.Inputs.Text("policy"));
            var statement = Assert.Single(document.RootElement.GetProperty("Statement").EnumerateArray().ToList());
            Assert.Equal("Allow", statement.GetProperty("Effect").GetString());
            Assert.Equal("events.amazonaws.com", statement.GetProperty("Principal").GetProperty("Service").GetString());
            Assert.Equal(new[] { "sqs:SendMessage" }, Strings(statement.GetProperty("Action")));
            Assert.Equal(new[] { queue.State.Text("arn") }, Strings(statement.GetProperty("Resource")));
            var targeting = Prod.Rules.Where(r => r.Target == definition.Queue).Select(r => ruleArns[r.Name]);
            Assert.Equal(Sorted(targeting), Sorted(Strings(statement.GetProperty("Condition").GetProperty("ArnEquals").GetProperty("aws:SourceArn"))));
        }
    }

    [Fact]
    public async Task Finance_rule_sends_every_ledger_envelope_whole_to_the_finance_queue()
    {
        var stack = await ProvisionedStack.Of(Prod);
        var definition = Prod.Rules.Single(r => r.Name == Prod.Environment.Prefix + "finance-ledger-events");
        var target = Assert.Single(stack.OfType(ResourceTypes.EventTarget), t => t.Inputs.Text("rule") == definition.Name);
        var queue = stack.OfType(ResourceTypes.Queue).Single(q => q.Inputs.Text("name") == Prod.Environment.Prefix + "finance-events");

        Assert.Equal("""{"source":["payments.ledger"]}""", definition.EventPattern);
        Assert.Equal(queue.State.Text("arn"), target.Inputs.Text("arn"));
        Assert.False(target.Inputs.Has("inputTransformer"));
        Assert.False(target.Inputs.Has("inputPath"));
        Assert.False(target.Inputs.Has("input"));
    }

    [Fact]
    public async Task Webhook_secrets_key_rotates_and_only_the_api_and_webhook_roles_name_it()
    {
        var stack = await ProvisionedStack.Of(Prod);
        var key = stack.OfType(ResourceTypes.Key).Single(k => k.Name == Prod.Environment.Prefix + "webhook-secrets");
        var arn = key.State.Text("arn");

        Assert.Equal(("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT"), (key.Inputs.Text("customerMasterKeySpec"), key.Inputs.Text("keyUsage")));
        Assert.True(key.Inputs.Flag("enableKeyRotation"));
        Assert.Equal(30, key.Inputs.Integer("deletionWindowInDays"));
        var naming = stack.OfType(ResourceTypes.RolePolicy).Where(p => p.Inputs.Text("policy").Contains(arn, StringComparison.Ordinal)).Select(p => p.Inputs.Text("name"));
        Assert.Equal(
            Sorted([NameOf(Prod, Prod.Functions.Single(f => f.Name == CloudTopology.Api)), NameOf(Prod, Prod.Functions.Single(f => f.Name == CloudTopology.Webhook))]),
            Sorted(naming));
    }

    [Fact]
    public async Task Audit_checkpoint_key_is_a_p256_signing_pair_kept_unrotated_with_the_longest_deletion_window()
    {
        var stack = await ProvisionedStack.Of(Prod);
        var key = stack.OfType(ResourceTypes.Key).Single(k => k.Name == Prod.Environment.Prefix + "audit-checkpoints");

        Assert.Equal(("ECC_NIST_P256", "SIGN_VERIFY"), (key.Inputs.Text("customerMasterKeySpec"), key.Inputs.Text("keyUsage")));
        Assert.False(key.Inputs.Flag("enableKeyRotation"));
        Assert.Equal(30, key.Inputs.Integer("deletionWindowInDays"));
    }

    private static string NameOf(CloudTopology topology, FunctionDefinition definition) => LambdaFunctions.NameOf(topology.Environment, definition);

    /// <summary>Which function a mapping feeds, read back from the alias ARN it invokes (…:function:NAME:ALIAS).</summary>
    private static FunctionDefinition FunctionBehind(MockResource mapping)
    {
        var parts = mapping.Inputs.Text("functionName").Split(':');
        return Prod.Functions.Single(f => NameOf(Prod, f) == parts[^2]);
    }

    private static Dictionary<string, string> ArnsByName(ProvisionedStack stack, string type) =>
        stack.OfType(type).ToDictionary(r => r.Inputs.Text("name"), r => r.State.Text("arn"), StringComparer.Ordinal);

    private static List<string> Sorted(IEnumerable<string> values) => values.Order(StringComparer.Ordinal).ToList();

    private static IEnumerable<string> Strings(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array
            ? element.EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToList()
            : new List<string> { element.GetString() ?? string.Empty };
}

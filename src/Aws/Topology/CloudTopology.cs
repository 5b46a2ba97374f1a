using Payments.Application.Jobs;
using Payments.Application.Webhooks.Queue;
using Payments.Application.Webhooks.Routing;
using Payments.Aws.Audit;
using Payments.Aws.EventStore;
using Payments.Aws.Projections;
using Payments.Aws.Ramps;
using Payments.Aws.Webhooks;

namespace Payments.Aws.Topology;

/// <summary>
/// Every cloud resource and its settings, as data: tables, queues, secrets and keys, the bus, the pipe onto it and the
/// rules off it, functions with their triggers and least-privilege policies, the HTTP API and the alarms. The Pulumi program maps this and nothing else onto
/// resources; tests assert the seed's figures on it and build emulator fixtures from it.
/// </summary>
public sealed record CloudTopology(
    CloudEnvironment Environment,
    IReadOnlyList<TableDefinition> Tables,
    IReadOnlyList<QueueDefinition> Queues,
    IReadOnlyList<SecretParameterDefinition> SecretParameters,
    IReadOnlyList<KeyDefinition> Keys,
    string EventBus,
    PipeDefinition Pipe,
    IReadOnlyList<EventRuleDefinition> Rules,
    IReadOnlyList<QueuePolicyDefinition> QueuePolicies,
    IReadOnlyList<FunctionDefinition> Functions,
    HttpApiDefinition HttpApi,
    IReadOnlyList<AlarmDefinition> Alarms)
{
    public const string Api = "api";
    public const string Worker = "worker";
    public const string Projector = "projector";
    public const string JobEnqueuer = "job-enqueuer";
    public const string Sweeper = "sweeper";
    public const string Webhook = "webhook";
    public const string Sequencer = "sequencer";

    /// <summary>Environment variables of the functions that read or extend the verifiable log (the api and the sequencer).</summary>
    public const string AuditTableVariable = "PAYMENTS_AUDIT_TABLE";
    public const string AuditKeyIdVariable = "PAYMENTS_AUDIT_KEY_ID";

    /// <summary>Environment variables of the functions that touch webhooks (the api and the webhook function).</summary>
    public const string WebhookQueueUrlVariable = "PAYMENTS_WEBHOOK_QUEUE_URL";
    public const string WebhookDeadLetterQueueUrlVariable = "PAYMENTS_WEBHOOK_DEAD_LETTER_QUEUE_URL";
    public const string WebhookEndpointsTableVariable = "PAYMENTS_WEBHOOK_ENDPOINTS_TABLE";
    public const string WebhookDeliveriesTableVariable = "PAYMENTS_WEBHOOK_DELIVERIES_TABLE";
    public const string WebhookKeyIdVariable = "PAYMENTS_WEBHOOK_KEY_ID";

    /// <summary>Every function's OTLP collector, set only when the environment names one (the functions export nothing without it).</summary>
    public const string OtlpEndpointVariable = "PAYMENTS_TELEMETRY__OTLPENDPOINT";

    /// <summary>
    /// Open payments idle longer than this get their job again. Beyond the payment queue's visibility timeout (a worker
    /// may hold a job that long) plus its redelivery delays, so a job merely in flight is not duplicated.
    /// </summary>
    public static readonly TimeSpan SweeperStallAfter = TimeSpan.FromMinutes(10);

    public const string EventSource = LedgerEventEnvelope.LedgerSource;

    /// <summary>
    /// The HTTP API stage's throttling, shared by every client: within the account's default API Gateway quota (10,000
    /// requests/s, burst 5,000) with room for other APIs, and at ~50 ms a warm request about 100 concurrent api
    /// invocations, a tenth of the account's default Lambda concurrency, leaving the rest to the worker and consumers.
    /// </summary>
    public const double StageRateLimit = 2_000;

    public const int StageBurstLimit = 4_000;

    /// <summary>EventBridge delivers to the webhook queue under this principal, as the queue's policy names it.</summary>
    public const string EventBridgePrincipal = "events.amazonaws.com";

    /// <summary>
    /// Finance's queue keeps messages as long as SQS allows, so a reconciliation consumer that is down over a long weekend
    /// still finds every envelope; one it fails to take this many times is parked in the dead-letter queue.
    /// </summary>
    public const int FinanceQueueMaxReceiveCount = 5;

    /// <summary>How long a finance consumer may hold an envelope before SQS offers it again.</summary>
    private const int FinanceVisibilityTimeoutSeconds = 60;

    /// <summary>SQS's longest retention: 14 days.</summary>
    private const int LongestRetentionSeconds = 14 * 24 * 3600;

    /// <summary>SQS's longest long poll. The event source mapping polls on its own; this serves direct receives (tools, tests).</summary>
    private const int LongestPollSeconds = 20;

    private static readonly string[] StreamRead = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"];
    private static readonly string[] EventLogRead = ["dynamodb:GetItem", "dynamodb:Query"];
    private static readonly string[] TransactionalWrite = ["dynamodb:ConditionCheckItem", "dynamodb:PutItem", "dynamodb:UpdateItem"];
    private static readonly string[] LogWrite = ["logs:CreateLogStream", "logs:PutLogEvents"];

    /// <summary>The webhook store reads and writes items (an attempt's transaction needs PutItem only) and queries its tables' keys.</summary>
    private static readonly string[] WebhookStoreAccess = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"];

    public static CloudTopology Define(CloudEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var prefix = environment.Prefix;
        var store = DynamoDbEventStoreTables.WithPrefix(prefix);
        var payments = prefix + DynamoDbPaymentsSchema.DefaultTableName;
        var ramps = prefix + DynamoDbRampExecutionLog.DefaultTableName;
        var paymentQueue = PaymentQueue(prefix + "payment-jobs");
        var apiKeyHashes = new SecretParameterDefinition($"/payments/{environment.Name}/api-key-hashes", "client_id:sha256-hex of each API key, comma-separated");
        var streamFailures = new QueueDefinition(prefix + "stream-failures", 30, PaymentQueueSpec.DeadLetterRetentionSeconds, 0, null, 0);
        var webhookTables = DynamoDbWebhookTables.WithPrefix(prefix);
        var webhookQueue = WebhookQueue(prefix + "webhooks");
        var webhookKey = new KeyDefinition(prefix + "webhook-secrets", "Seals webhook endpoint secrets at rest; bound to each endpoint by encryption context.", EnableKeyRotation: true);
        var auditLog = prefix + DynamoDbAuditLogSchema.DefaultTableName;
        var auditKey = AuditSigningKey(prefix);
        var bus = prefix + "events";
        var webhookRules = WebhookRules(prefix, bus, webhookQueue);
        var financeQueue = FinanceQueue(prefix + "finance-events");
        var financeRule = FinanceRule(prefix, bus, financeQueue);

        FunctionDefinition[] functions =
        [
            new(Api, 512, 30, null, new FunctionTrigger.HttpApi(), Sandbox(AuditFrom(WebhooksFrom(ApiKeysFrom(EventStoreEnvironment(prefix, payments, null), apiKeyHashes), webhookTables, webhookQueue, webhookKey), auditLog, auditKey), ramps), [
                EventStoreAppend(store),
                // Reconciliation reads the sandbox providers' statements through the executed-by-day index, and nothing else of theirs.
                new(["dynamodb:Query"], [ResourceRef.TableIndexes(ramps)]),
                new(["ssm:GetParameter"], [ResourceRef.Parameter(apiKeyHashes.Name)]),
                new(EventLogRead, [ResourceRef.Table(payments), ResourceRef.TableIndexes(payments)]),
                .. WebhookStore(webhookTables),
                new(["dynamodb:DeleteItem"], [ResourceRef.Table(webhookTables.Endpoints)]),
                // Redelivery and recovery are queued for the webhook function; the api never receives from the queue.
                new(["sqs:SendMessage"], [ResourceRef.Queue(webhookQueue.Name)]),
                new(["kms:Encrypt", "kms:Decrypt"], [ResourceRef.Key(webhookKey.Name)]),
                // Auditors read proofs and the ordered feed, and may ask for a checkpoint now; only the sequencer appends.
                new([.. EventLogRead, "dynamodb:BatchGetItem", "dynamodb:PutItem"], [ResourceRef.Table(auditLog)]),
                new(["kms:Sign", "kms:GetPublicKey"], [ResourceRef.Key(auditKey.Name)]),
                Logs(Api),
            ]),
            new(Worker, 512, PaymentQueueSpec.VisibilityTimeoutSeconds, null, new FunctionTrigger.Sqs(ResourceRef.Queue(paymentQueue.Name), PaymentQueueSpec.BatchSize, null),
                Sandbox(EventStoreEnvironment(prefix, payments, paymentQueue), ramps), [
                EventStoreAppend(store),
                new(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"], [ResourceRef.Table(ramps)]),
                new(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"], [ResourceRef.Queue(paymentQueue.Name)]),
                Logs(Worker),
            ]),
            new(Projector, 256, 60, null, StreamOf(store, streamFailures), EventStoreEnvironment(prefix, payments, null), [
                new(StreamRead, [ResourceRef.TableStream(store.Events)]),
                ListStreams,
                new(EventLogRead, [ResourceRef.Table(store.Events)]),
                new(["dynamodb:GetItem", "dynamodb:PutItem"], [ResourceRef.Table(payments)]),
                new(["sqs:SendMessage"], [ResourceRef.Queue(streamFailures.Name)]),
                Logs(Projector),
            ]),
            new(JobEnqueuer, 256, 60, null, StreamOf(store, streamFailures),
                new Dictionary<string, EnvironmentValue>(StringComparer.Ordinal) { ["PAYMENTS_QUEUE_URL"] = EnvironmentValue.UrlOf(ResourceRef.Queue(paymentQueue.Name)) }, [
                new(StreamRead, [ResourceRef.TableStream(store.Events)]),
                ListStreams,
                new(["sqs:SendMessage"], [ResourceRef.Queue(paymentQueue.Name), ResourceRef.Queue(streamFailures.Name)]),
                Logs(JobEnqueuer),
            ]),
            new(Sweeper, 256, 60, ReservedConcurrency: 1, new FunctionTrigger.Schedule("rate(1 minute)"), SweeperEnvironment(payments, paymentQueue), [
                new(["dynamodb:Query"], [ResourceRef.TableIndexes(payments)]),
                new(["sqs:SendMessage"], [ResourceRef.Queue(paymentQueue.Name)]),
                Logs(Sweeper),
            ]),
            new(Webhook, 256, 30, null, new FunctionTrigger.Sqs(ResourceRef.Queue(webhookQueue.Name), WebhookQueueSpec.BatchSize, null),
                WebhooksFrom(new Dictionary<string, EnvironmentValue>(StringComparer.Ordinal) { ["PAYMENTS_TABLE_PREFIX"] = EnvironmentValue.Of(prefix) }, webhookTables, webhookQueue, webhookKey), [
                .. WebhookStore(webhookTables),
                // The fan-out folds the payment from its ledger stream; it never appends.
                new(EventLogRead, [ResourceRef.Table(store.Events)]),
                // SendMessage: fan-out enqueues one delivery per endpoint, and a throttled delivery is deferred as a copy.
                new(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes", "sqs:SendMessage"], [ResourceRef.Queue(webhookQueue.Name)]),
                new(["sqs:SendMessage"], [ResourceRef.Queue(webhookQueue.DeadLetter!.Name)]),
                new(["kms:Decrypt"], [ResourceRef.Key(webhookKey.Name)]),
                Logs(Webhook),
            ]),
            new(Sequencer, 256, 60, null, StreamOf(store, streamFailures),
                AuditFrom(new Dictionary<string, EnvironmentValue>(StringComparer.Ordinal) { ["PAYMENTS_TABLE_PREFIX"] = EnvironmentValue.Of(prefix) }, auditLog, auditKey), [
                new(StreamRead, [ResourceRef.TableStream(store.Events)]),
                ListStreams,
                // Positions and tree nodes in one conditional transaction; markers read in batches.
                new([.. EventLogRead, .. TransactionalWrite, "dynamodb:BatchGetItem"], [ResourceRef.Table(auditLog)]),
                new(["kms:Sign", "kms:GetPublicKey"], [ResourceRef.Key(auditKey.Name)]),
                new(["sqs:SendMessage"], [ResourceRef.Queue(streamFailures.Name)]),
                Logs(Sequencer),
            ]),
        ];

        functions = [.. functions.Select(f => WithTelemetry(f, environment))];
        return new CloudTopology(
            environment,
            [
                new(DynamoDbEventStoreSchema.EventsTable(store.Events), environment.PointInTimeRecovery, ServerSideEncryption: true),
                new(DynamoDbEventStoreSchema.UniqueKeysTable(store.UniqueKeys), environment.PointInTimeRecovery, ServerSideEncryption: true),
                new(DynamoDbPaymentsSchema.PaymentsTable(payments), environment.PointInTimeRecovery, ServerSideEncryption: true),
                new(DynamoDbRampExecutionLog.Table(ramps), environment.PointInTimeRecovery, ServerSideEncryption: true),
                new(DynamoDbWebhookSchema.EndpointsTable(webhookTables.Endpoints), environment.PointInTimeRecovery, ServerSideEncryption: true),
                new(DynamoDbWebhookSchema.DeliveriesTable(webhookTables.Deliveries), environment.PointInTimeRecovery, ServerSideEncryption: true),
                new(DynamoDbAuditLogSchema.Table(auditLog), environment.PointInTimeRecovery, ServerSideEncryption: true),
            ],
            [paymentQueue.DeadLetter!, paymentQueue, streamFailures, webhookQueue.DeadLetter!, webhookQueue, financeQueue.DeadLetter!, financeQueue],
            [apiKeyHashes],
            [webhookKey, auditKey],
            bus,
            LedgerEventPipe(prefix, store.Events, bus),
            [.. webhookRules, financeRule],
            [RuleDelivery(webhookQueue, webhookRules), RuleDelivery(financeQueue, [financeRule])],
            functions,
            new HttpApiDefinition(prefix + "http", ["ANY /{proxy+}"], StageBurstLimit, StageRateLimit, CorsDefinition.For(environment.AllowedOrigins), AccessLogFormat()),
            DefineAlarms(
                prefix,
                functions,
                [paymentQueue.DeadLetter!, streamFailures, webhookQueue.DeadLetter!, financeQueue.DeadLetter!],
                [store.Events, store.UniqueKeys, payments, ramps, webhookTables.Endpoints, webhookTables.Deliveries, auditLog]));
    }

    /// <summary>
    /// The audit checkpoints' signing key: an ECDSA P-256 key pair whose private half never leaves KMS. KMS does not
    /// rotate asymmetric keys, and a rotated key would change the public key auditors pinned.
    /// </summary>
    private static KeyDefinition AuditSigningKey(string prefix) => new(
        prefix + "audit-checkpoints",
        "Signs the audit log's checkpoints (ECDSA P-256); auditors verify them with its public key.",
        EnableKeyRotation: false,
        KeySpec: "ECC_NIST_P256",
        KeyUsage: "SIGN_VERIFY");

    /// <summary>The payment queue and its dead-letter queue with the seed's figures (<see cref="PaymentQueueSpec"/>).</summary>
    public static QueueDefinition PaymentQueue(string name) => new(
        name,
        PaymentQueueSpec.VisibilityTimeoutSeconds,
        PaymentQueueSpec.MessageRetentionSeconds,
        PaymentQueueSpec.ReceiveWaitSeconds,
        new QueueDefinition(name + "-dlq", 30, PaymentQueueSpec.DeadLetterRetentionSeconds, 0, null, 0),
        PaymentQueueSpec.MaxReceiveCount);

    /// <summary>The webhook queue and its dead-letter queue with the seed's figures (<see cref="WebhookQueueSpec"/>).</summary>
    public static QueueDefinition WebhookQueue(string name) => new(
        name,
        WebhookQueueSpec.VisibilityTimeoutSeconds,
        WebhookQueueSpec.MessageRetentionSeconds,
        LongestPollSeconds,
        new QueueDefinition(name + "-dlq", 30, WebhookQueueSpec.DeadLetterRetentionSeconds, 0, null, 0),
        WebhookQueueSpec.MaxReceiveCount);

    /// <summary>Finance's feed of ledger envelopes: retention as long as SQS allows, a dead-letter queue after <see cref="FinanceQueueMaxReceiveCount"/> receives.</summary>
    public static QueueDefinition FinanceQueue(string name) => new(
        name,
        FinanceVisibilityTimeoutSeconds,
        LongestRetentionSeconds,
        LongestPollSeconds,
        new QueueDefinition(name + "-dlq", 30, LongestRetentionSeconds, 0, null, 0),
        FinanceQueueMaxReceiveCount);

    /// <summary>
    /// Every ledger event the Pipe puts on the bus, to finance's queue. No input transformer: finance receives the very
    /// envelope the webhook rules see (same id, time and detail), so the two feeds can be joined on the event's id.
    /// </summary>
    private static EventRuleDefinition FinanceRule(string prefix, string bus, QueueDefinition financeQueue) => new(
        prefix + "finance-ledger-events",
        "every ledger event, for finance's reconciliation",
        ResourceRef.Bus(bus),
        $$"""{"source":["{{EventSource}}"]}""",
        ResourceRef.Queue(financeQueue.Name));

    /// <summary>EventBridge may send to the queue only on behalf of the rules that target it.</summary>
    private static QueuePolicyDefinition RuleDelivery(QueueDefinition queue, IEnumerable<EventRuleDefinition> rules) =>
        new(ResourceRef.Queue(queue.Name), EventBridgePrincipal, ["sqs:SendMessage"], [.. rules.Select(r => ResourceRef.Rule(r.Name))]);

    /// <summary>One rule per shared routing rule, its pattern verbatim, each sending the whole envelope to the webhook queue.</summary>
    private static List<EventRuleDefinition> WebhookRules(string prefix, string bus, QueueDefinition webhookQueue) =>
    [
        .. WebhookRoutingRules.All.Select(rule => new EventRuleDefinition(
            prefix + rule.Name, rule.Description, ResourceRef.Bus(bus), rule.EventPattern, ResourceRef.Queue(webhookQueue.Name))),
    ];

    private static PolicyStatement[] WebhookStore(DynamoDbWebhookTables tables) =>
    [
        new(WebhookStoreAccess, [ResourceRef.Table(tables.Endpoints), ResourceRef.Table(tables.Deliveries)]),
        new(["dynamodb:Query"], [ResourceRef.TableIndexes(tables.Deliveries)]),
    ];

    private static FunctionTrigger.Stream StreamOf(DynamoDbEventStoreTables store, QueueDefinition failures) =>
        new(ResourceRef.TableStream(store.Events), BatchSize: 100, MaximumRetryAttempts: 5, BisectBatchOnFunctionError: true, OnFailure: ResourceRef.Queue(failures.Name));

    /// <summary>An append is one transaction over the stream's event items and, first time, its idempotency key; reads fold a stream or look up a key.</summary>
    private static PolicyStatement EventStoreAppend(DynamoDbEventStoreTables store) => new(
        [.. EventLogRead, .. TransactionalWrite],
        [ResourceRef.Table(store.Events), ResourceRef.Table(store.UniqueKeys)]);

    private static PolicyStatement ListStreams { get; } = new(["dynamodb:ListStreams"], [ResourceRef.AccountStreams]);

    private static PolicyStatement Logs(string function) => new(LogWrite, [ResourceRef.LogGroup(function)]);

    private static Dictionary<string, EnvironmentValue> EventStoreEnvironment(string prefix, string payments, QueueDefinition? queue)
    {
        var environment = new Dictionary<string, EnvironmentValue>(StringComparer.Ordinal)
        {
            ["PAYMENTS_TABLE_PREFIX"] = EnvironmentValue.Of(prefix),
            ["PAYMENTS_READ_MODEL_TABLE"] = EnvironmentValue.Of(payments),
        };
        if (queue is not null)
        {
            environment["PAYMENTS_QUEUE_URL"] = EnvironmentValue.UrlOf(ResourceRef.Queue(queue.Name));
        }

        return environment;
    }

    /// <summary>
    /// Every appended event goes onto the bus (the rules choose what they want); the detail is rendered from the stream's
    /// new image exactly as <see cref="LedgerEventDetail"/>, every field a quoted string.
    /// </summary>
    private static PipeDefinition LedgerEventPipe(string prefix, string eventsTable, string bus)
    {
        const string image = "$.dynamodb.NewImage.";
        var detail =
            $$"""{"payment_id":"<{{image}}{{DynamoDbEventAttributes.PaymentId}}.S>","version":"<{{image}}{{DynamoDbEventAttributes.Version}}.N>","type":"<{{image}}{{DynamoDbEventAttributes.Type}}.S>","occurred_at":"<{{image}}{{DynamoDbEventAttributes.OccurredAt}}.S>"}""";
        return new PipeDefinition(
            prefix + "ledger-events",
            ResourceRef.TableStream(eventsTable),
            ResourceRef.Bus(bus),
            """{"eventName":["INSERT"]}""",
            EventSource,
            image + DynamoDbEventAttributes.Type + ".S",
            detail);
    }

    /// <summary>The sweeper reads only the open-payments index and writes only jobs; one instance at a time is plenty.</summary>
    private static FunctionDefinition WithTelemetry(FunctionDefinition function, CloudEnvironment environment) =>
        string.IsNullOrWhiteSpace(environment.OtlpEndpoint)
            ? function
            : function with
            {
                Environment = new Dictionary<string, EnvironmentValue>(function.Environment, StringComparer.Ordinal)
                {
                    [OtlpEndpointVariable] = EnvironmentValue.Of(environment.OtlpEndpoint),
                },
            };

    private static Dictionary<string, EnvironmentValue> SweeperEnvironment(string payments, QueueDefinition queue) => new(StringComparer.Ordinal)
    {
        ["PAYMENTS_READ_MODEL_TABLE"] = EnvironmentValue.Of(payments),
        ["PAYMENTS_QUEUE_URL"] = EnvironmentValue.UrlOf(ResourceRef.Queue(queue.Name)),
        ["PAYMENTS_SWEEPER_STALL_AFTER"] = EnvironmentValue.Of(SweeperStallAfter.ToString("c", System.Globalization.CultureInfo.InvariantCulture)),
    };

    /// <summary>The api function names the parameter holding the key hashes; the value never enters its environment.</summary>
    private static Dictionary<string, EnvironmentValue> ApiKeysFrom(Dictionary<string, EnvironmentValue> environment, SecretParameterDefinition parameter)
    {
        environment["PAYMENTS_API_KEY_HASHES_PARAMETER"] = EnvironmentValue.Of(parameter.Name);
        return environment;
    }

    /// <summary>Where the webhook store, queue and key are; the key by ARN, which is what KMS's Encrypt and Decrypt take.</summary>
    private static Dictionary<string, EnvironmentValue> WebhooksFrom(
        Dictionary<string, EnvironmentValue> environment, DynamoDbWebhookTables tables, QueueDefinition queue, KeyDefinition key)
    {
        environment[WebhookEndpointsTableVariable] = EnvironmentValue.Of(tables.Endpoints);
        environment[WebhookDeliveriesTableVariable] = EnvironmentValue.Of(tables.Deliveries);
        environment[WebhookQueueUrlVariable] = EnvironmentValue.UrlOf(ResourceRef.Queue(queue.Name));
        environment[WebhookDeadLetterQueueUrlVariable] = EnvironmentValue.UrlOf(ResourceRef.Queue(queue.DeadLetter!.Name));
        environment[WebhookKeyIdVariable] = EnvironmentValue.ArnOf(ResourceRef.Key(key.Name));
        return environment;
    }

    /// <summary>Where the verifiable log is and the key that signs its checkpoints (by ARN, which KMS's Sign takes).</summary>
    private static Dictionary<string, EnvironmentValue> AuditFrom(Dictionary<string, EnvironmentValue> environment, string auditTable, KeyDefinition key)
    {
        environment[AuditTableVariable] = EnvironmentValue.Of(auditTable);
        environment[AuditKeyIdVariable] = EnvironmentValue.ArnOf(ResourceRef.Key(key.Name));
        return environment;
    }

    /// <summary>The sandbox ramps stand in for real providers, which keep their idempotency memory server-side; ours is a shared table.</summary>
    private static Dictionary<string, EnvironmentValue> Sandbox(Dictionary<string, EnvironmentValue> environment, string rampsTable)
    {
        environment["PAYMENTS_RAMPS_TABLE"] = EnvironmentValue.Of(rampsTable);
        return environment;
    }

    private static string AccessLogFormat() =>
        """{"request_id":"$context.requestId","ip":"$context.identity.sourceIp","method":"$context.httpMethod","route":"$context.routeKey","status":"$context.status","latency_ms":"$context.responseLatency","integration_error":"$context.integrationErrorMessage"}""";

    private static List<AlarmDefinition> DefineAlarms(string prefix, IEnumerable<FunctionDefinition> functions, IEnumerable<QueueDefinition> deadLetters, IEnumerable<string> tables)
    {
        var alarms = new List<AlarmDefinition>();
        foreach (var function in functions)
        {
            var dimensions = new Dictionary<string, string>(StringComparer.Ordinal) { ["FunctionName"] = prefix + function.Name };
            alarms.Add(new AlarmDefinition(
                $"{prefix}{function.Name}-error-rate",
                $"{function.Name}: more than 5 % of invocations failed",
                [new("errors", "AWS/Lambda", "Errors", dimensions, "Sum"), new("invocations", "AWS/Lambda", "Invocations", dimensions, "Sum")],
                "IF(invocations > 0, 100 * errors / invocations, 0)",
                Threshold: 5,
                PeriodSeconds: 300,
                EvaluationPeriods: 1));
            if (function.Trigger is FunctionTrigger.Stream)
            {
                alarms.Add(new AlarmDefinition(
                    $"{prefix}{function.Name}-iterator-age",
                    $"{function.Name} trails the events stream by more than a minute",
                    [new("age", "AWS/Lambda", "IteratorAge", dimensions, "Maximum")],
                    null,
                    Threshold: 60_000,
                    PeriodSeconds: 60,
                    EvaluationPeriods: 3));
            }
        }

        alarms.Add(new AlarmDefinition(
            prefix + "api-5xx",
            "the HTTP API answered 5xx",
            [new("errors", "AWS/ApiGateway", "5xx", new Dictionary<string, string>(StringComparer.Ordinal) { ["ApiId"] = prefix + "http" }, "Sum")],
            null,
            Threshold: 0,
            PeriodSeconds: 60,
            EvaluationPeriods: 1));
        alarms.AddRange(deadLetters.Select(queue => new AlarmDefinition(
            $"{queue.Name}-depth",
            $"{queue.Name} holds messages nobody could handle",
            [new("depth", "AWS/SQS", "ApproximateNumberOfMessagesVisible", new Dictionary<string, string>(StringComparer.Ordinal) { ["QueueName"] = queue.Name }, "Maximum")],
            null,
            Threshold: 0,
            PeriodSeconds: 60,
            EvaluationPeriods: 1)));
        alarms.AddRange(tables.Select(table => new AlarmDefinition(
            $"{table}-throttles",
            $"{table} throttled requests",
            [new("throttles", "AWS/DynamoDB", "ThrottledRequests", new Dictionary<string, string>(StringComparer.Ordinal) { ["TableName"] = table }, "Sum")],
            null,
            Threshold: 0,
            PeriodSeconds: 60,
            EvaluationPeriods: 1)));
        return alarms;
    }
}

using System.Text.Json;
using Payments.Application.Ledger;
using Payments.Application.Ramps.Sandbox;
using Payments.Application.Sweeping;
using Payments.Application.Worker;
using Payments.Aws.Ramps;
using Payments.Aws.Secrets;
using Payments.Aws.EventStore;
using Payments.Aws.HttpApi;
using Payments.Functions.Api.Auth;
using Payments.Functions.Lambda.Http;
using Payments.Aws;
using Payments.Aws.Sqs;
using Payments.Application.Jobs.Dispatch;
using Payments.Aws.Streams;
using Payments.Aws.Projections;
using Payments.Projections.Projector;
using Amazon.DynamoDBv2;
using Payments.Application.Webhooks.Queue;
using Payments.Aws.Webhooks;
using Payments.EventStore.Contract;
using Payments.Application.Audit;
using Payments.Aws.Audit;

namespace Payments.Functions.Lambda.Runtime;

/// <summary>
/// The Lambda entry modes of the one executable (<c>payments lambda NAME</c>, the names of the cloud topology), each
/// composed from the same handlers the tests exercise.
/// </summary>
public static class LambdaFunctions
{
    public const string Api = "api";
    public const string Projector = "projector";
    public const string JobEnqueuer = "job-enqueuer";
    public const string Worker = "worker";
    public const string Sweeper = "sweeper";
    public const string Webhook = "webhook";
    public const string Sequencer = "sequencer";

    public static IReadOnlyList<string> Names { get; } = [Api, Worker, Projector, JobEnqueuer, Sweeper, Webhook, Sequencer];

    /// <exception cref="ArgumentException">Not a function of this executable.</exception>
    /// <exception cref="InvalidOperationException">A setting the function needs is missing.</exception>
    public static async Task<Func<string, CancellationToken, Task<string>>> Create(
        string function, CloudOptions settings, ILoggerFactory loggers, CancellationToken cancellationToken) => function switch
    {
        Api => await ApiHandler(settings, cancellationToken).ConfigureAwait(false),
        Worker => WorkerHandler(settings, loggers),
        Projector => ProjectorHandler(settings, loggers),
        JobEnqueuer => JobEnqueuerHandler(settings, loggers),
        Sweeper => SweeperHandler(settings, loggers),
        Webhook => WebhookHandler(settings, loggers),
        Sequencer => SequencerHandler(settings, loggers),
        _ => throw new ArgumentException($"Unknown Lambda function '{function}'; expected one of {string.Join(", ", Names)}.", nameof(function)),
    };

    /// <summary>The HTTP API behind API Gateway: HTTP API payload 2.0 in and out; the host lives as long as the execution environment.</summary>
    private static async Task<Func<string, CancellationToken, Task<string>>> ApiHandler(CloudOptions settings, CancellationToken cancellationToken)
    {
        var hashes = settings.ApiKeyHashesParameter is { Length: > 0 } parameter
            ? await new SsmSecureParameters(CloudClients.Ssm(settings.SsmEndpoint)).Read(parameter, cancellationToken).ConfigureAwait(false)
            : settings.ApiKeyHashes ?? throw new InvalidOperationException("PAYMENTS_API_KEY_HASHES_PARAMETER (or PAYMENTS_API_KEY_HASHES) is required for the api function.");
        var keys = ApiKeyRing.FromHashes(hashes);
        var (_, server) = await CloudApiHost.Start(settings, keys, cancellationToken).ConfigureAwait(false);
        return async (json, ct) =>
        {
            var request = JsonSerializer.Deserialize(json, HttpApiJsonContext.Default.HttpApiRequest) ?? throw new JsonException("The HTTP API event is JSON null.");
            return JsonSerializer.Serialize(await server.Handle(request, ct).ConfigureAwait(false), HttpApiJsonContext.Default.HttpApiResponse);
        };
    }

    /// <summary>
    /// SQS (batch 1) in, batch item failures out: the same payment process as the embedded worker, over DynamoDB, with
    /// the sandbox ramps' memory in a DynamoDB table every instance shares.
    /// </summary>
    private static Func<string, CancellationToken, Task<string>> WorkerHandler(CloudOptions settings, ILoggerFactory loggers)
    {
        var queueUrl = settings.PaymentQueueUrl ?? throw new InvalidOperationException("PAYMENTS_QUEUE_URL is required for the worker.");
        var dynamo = CloudClients.DynamoDb(settings.DynamoDbEndpoint);
        var store = new DynamoDbEventStore(dynamo, DynamoDbEventStoreTables.WithPrefix(settings.TablePrefix), TimeProvider.System);
        var ramps = new MockRampProvider(new DynamoDbRampExecutionLog(dynamo, settings.RampsTable), new MockRampOptions(), TimeProvider.System);
        var handler = new PaymentJobHandler(
            new PaymentLedger(store, TimeProvider.System), ramps, ramps, new WorkerOptions(), TimeProvider.System, loggers.CreateLogger<PaymentJobHandler>());
        var lambda = new PaymentJobLambdaHandler(handler, new SqsPaymentJobQueue(CloudClients.Sqs(settings.SqsEndpoint), queueUrl), loggers.CreateLogger<PaymentJobLambdaHandler>());
        return lambda.Handle;
    }

    private static Func<string, CancellationToken, Task<string>> ProjectorHandler(CloudOptions settings, ILoggerFactory loggers)
    {
        var dynamo = CloudClients.DynamoDb(settings.DynamoDbEndpoint);
        var store = new DynamoDbEventStore(dynamo, DynamoDbEventStoreTables.WithPrefix(settings.TablePrefix), TimeProvider.System);
        var projection = new PaymentProjectionConsumer(new PaymentProjector(store), new DynamoDbPaymentReadModel(dynamo, settings.ReadModelTable));
        var handler = new StreamsConsumerHandler(projection, loggers.CreateLogger<StreamsConsumerHandler>());
        return async (json, ct) => StreamsBatch.Serialize(await handler.Handle(json, ct).ConfigureAwait(false));
    }

    /// <summary>
    /// On a schedule: one sweep over the open-payments index, re-queueing payments that stopped moving. The scheduler's
    /// event carries nothing we need, so it is not read.
    /// </summary>
    private static Func<string, CancellationToken, Task<string>> SweeperHandler(CloudOptions settings, ILoggerFactory loggers)
    {
        var queueUrl = settings.PaymentQueueUrl ?? throw new InvalidOperationException("PAYMENTS_QUEUE_URL is required for the sweeper.");
        var sweeper = new StalledPaymentSweeper(
            new DynamoDbPaymentReadModel(CloudClients.DynamoDb(settings.DynamoDbEndpoint), settings.ReadModelTable),
            new SqsPaymentJobQueue(CloudClients.Sqs(settings.SqsEndpoint), queueUrl),
            new SweeperOptions { StallAfter = settings.SweeperStallAfter },
            TimeProvider.System,
            loggers.CreateLogger<StalledPaymentSweeper>());
        return async (_, ct) =>
        {
            var requeued = await sweeper.Sweep(ct).ConfigureAwait(false);
            return JsonSerializer.Serialize(new SweepResult(requeued), LambdaRuntimeJsonContext.Default.SweepResult);
        };
    }

    private static Func<string, CancellationToken, Task<string>> JobEnqueuerHandler(CloudOptions settings, ILoggerFactory loggers)
    {
        var queueUrl = settings.PaymentQueueUrl ?? throw new InvalidOperationException("PAYMENTS_QUEUE_URL is required for the job enqueuer.");
        var sqs = CloudClients.Sqs(settings.SqsEndpoint);
        var handler = new StreamsConsumerHandler(new PaymentJobDispatch(new SqsPaymentJobQueue(sqs, queueUrl)), loggers.CreateLogger<StreamsConsumerHandler>());
        return async (json, ct) => StreamsBatch.Serialize(await handler.Handle(json, ct).ConfigureAwait(false));
    }

    /// <summary>
    /// SQS (batch 10) in, batch item failures out: the same webhook handler as the embedded sender. Envelopes the rules
    /// put on the queue fan out into deliveries; deliveries are signed and sent; recoveries run.
    /// </summary>
    /// <summary>
    /// The events table's stream in, batch item failures out: the cloud's global order. Each record gets the next
    /// position and extends the Merkle tree in one conditional transaction; a checkpoint is signed by KMS when due.
    /// </summary>
    private static Func<string, CancellationToken, Task<string>> SequencerHandler(CloudOptions settings, ILoggerFactory loggers)
    {
        var (audit, checkpointer) = CloudAudit.Open(settings);
        var consumer = new AuditSequencerConsumer(new AuditSequencer(audit, DynamoDbAuditLog.MaxEventsPerAppend), checkpointer, new AuditOptions());
        var handler = new StreamsConsumerHandler(consumer, loggers.CreateLogger<StreamsConsumerHandler>());
        return async (json, ct) => StreamsBatch.Serialize(await handler.Handle(json, ct).ConfigureAwait(false));
    }

    private static Func<string, CancellationToken, Task<string>> WebhookHandler(CloudOptions settings, ILoggerFactory loggers)
    {
        var services = new ServiceCollection()
            .AddSingleton(loggers)
            .AddSingleton(typeof(ILogger<>), typeof(Logger<>))
            .AddSingleton<IAmazonDynamoDB>(_ => CloudClients.DynamoDb(settings.DynamoDbEndpoint))
            .AddSingleton<IEventReader>(sp => new DynamoDbEventStore(
                sp.GetRequiredService<IAmazonDynamoDB>(), DynamoDbEventStoreTables.WithPrefix(settings.TablePrefix), TimeProvider.System))
            .AddCloudWebhooks(settings)
            .BuildServiceProvider();
        var lambda = new WebhookLambdaHandler(
            services.GetRequiredService<IWebhookMessageHandler>(), services.GetRequiredService<IWebhookQueue>(), loggers.CreateLogger<WebhookLambdaHandler>());
        return lambda.Handle;
    }
}

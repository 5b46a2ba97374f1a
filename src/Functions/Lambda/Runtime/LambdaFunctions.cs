using Payments.Aws.EventStore;
using Payments.Aws;
using Payments.Aws.Sqs;
using Payments.Application.Jobs.Dispatch;
using Payments.Aws.Streams;
using Payments.Aws.Projections;
using Payments.Projections.Projector;

namespace Payments.Functions.Lambda.Runtime;

/// <summary>
/// The Lambda entry modes of the one executable, each composed from the same handlers the tests
/// exercise. The worker Lambda is not among them: the mock ramps keep their idempotency memory in a
/// local SQLite file, which a fleet of Lambda instances cannot share (real providers keep it server-side).
/// </summary>
public static class LambdaFunctions
{
    public const string Projector = "projector";
    public const string JobEnqueuer = "job-enqueuer";

    public static IReadOnlyList<string> Names { get; } = [Projector, JobEnqueuer];

    public static Func<string, CancellationToken, Task<string>> Create(string function, CloudOptions settings, ILoggerFactory loggers) => function switch
    {
        Projector => ProjectorHandler(settings, loggers),
        JobEnqueuer => JobEnqueuerHandler(settings, loggers),
        _ => throw new ArgumentException($"Unknown Lambda function '{function}'; expected one of {string.Join(", ", Names)}.", nameof(function)),
    };

    private static Func<string, CancellationToken, Task<string>> ProjectorHandler(CloudOptions settings, ILoggerFactory loggers)
    {
        var dynamo = CloudClients.DynamoDb(settings.DynamoDbEndpoint);
        var store = new DynamoDbEventStore(dynamo, DynamoDbEventStoreTables.WithPrefix(settings.TablePrefix), TimeProvider.System);
        var projection = new PaymentProjectionConsumer(new PaymentProjector(store), new DynamoDbPaymentReadModel(dynamo, settings.ReadModelTable));
        var handler = new StreamsConsumerHandler(projection, loggers.CreateLogger<StreamsConsumerHandler>());
        return async (json, ct) => StreamsBatch.Serialize(await handler.Handle(json, ct).ConfigureAwait(false));
    }

    private static Func<string, CancellationToken, Task<string>> JobEnqueuerHandler(CloudOptions settings, ILoggerFactory loggers)
    {
        var queueUrl = settings.PaymentQueueUrl ?? throw new InvalidOperationException("PAYMENTS_QUEUE_URL is required for the job enqueuer.");
        var sqs = CloudClients.Sqs(settings.SqsEndpoint);
        var handler = new StreamsConsumerHandler(new PaymentJobDispatch(new SqsPaymentJobQueue(sqs, queueUrl)), loggers.CreateLogger<StreamsConsumerHandler>());
        return async (json, ct) => StreamsBatch.Serialize(await handler.Handle(json, ct).ConfigureAwait(false));
    }
}

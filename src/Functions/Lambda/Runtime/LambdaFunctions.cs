using System.Text.Json;
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

namespace Payments.Functions.Lambda.Runtime;

/// <summary>
/// The Lambda entry modes of the one executable (<c>payments lambda NAME</c>, the names of the cloud topology), each
/// composed from the same handlers the tests exercise. The worker is not among them yet: the mock ramps keep their
/// idempotency memory in a local SQLite file, which a fleet of Lambda instances cannot share.
/// </summary>
public static class LambdaFunctions
{
    public const string Api = "api";
    public const string Projector = "projector";
    public const string JobEnqueuer = "job-enqueuer";

    public static IReadOnlyList<string> Names { get; } = [Api, Projector, JobEnqueuer];

    /// <exception cref="ArgumentException">Not a function of this executable.</exception>
    /// <exception cref="InvalidOperationException">A setting the function needs is missing.</exception>
    public static async Task<Func<string, CancellationToken, Task<string>>> Create(
        string function, CloudOptions settings, ILoggerFactory loggers, CancellationToken cancellationToken) => function switch
    {
        Api => await ApiHandler(settings, cancellationToken).ConfigureAwait(false),
        Projector => ProjectorHandler(settings, loggers),
        JobEnqueuer => JobEnqueuerHandler(settings, loggers),
        _ => throw new ArgumentException($"Unknown Lambda function '{function}'; expected one of {string.Join(", ", Names)}.", nameof(function)),
    };

    /// <summary>The HTTP API behind API Gateway: HTTP API payload 2.0 in and out; the host lives as long as the execution environment.</summary>
    private static async Task<Func<string, CancellationToken, Task<string>>> ApiHandler(CloudOptions settings, CancellationToken cancellationToken)
    {
        var keys = ApiKeyRing.FromHashes(settings.ApiKeyHashes ?? throw new InvalidOperationException("PAYMENTS_API_KEY_HASHES is required for the api function."));
        var (_, server) = await CloudApiHost.Start(settings, keys, cancellationToken).ConfigureAwait(false);
        return async (json, ct) =>
        {
            var request = JsonSerializer.Deserialize(json, HttpApiJsonContext.Default.HttpApiRequest) ?? throw new JsonException("The HTTP API event is JSON null.");
            return JsonSerializer.Serialize(await server.Handle(request, ct).ConfigureAwait(false), HttpApiJsonContext.Default.HttpApiResponse);
        };
    }

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

using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.SQS.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Payments.Application.Reconciliation;
using Payments.Application.Jobs;
using Payments.Aws.EventStore;
using Payments.Aws.HttpApi;
using Payments.Aws.Projections;
using Payments.Aws.Ramps;
using Payments.Aws.Sqs;
using Payments.Domain.Ramps;
using Payments.Domain.State;
using Payments.Functions.Api.Auth;
using Payments.Functions.Lambda.Http;
using Payments.Functions.Lambda.Runtime;
using Payments.TestServices;

namespace Payments.Functions.Tests.Lambda;

/// <summary>
/// The cloud column on one machine: DynamoDB Local with Streams read by this test as Lambda's event source mapping
/// would, fauxqs for SQS, and every function invoked through its Lambda entry with AWS-shaped events:
/// POST via <c>api</c> → events → <c>job-enqueuer</c> → SQS → <c>worker</c> → <c>projector</c> → COMPLETED in the payments table.
/// </summary>
public sealed class CloudColumnEndToEndTests(StreamsEndToEndFixture dynamo, Fauxqs fauxqs) : IClassFixture<StreamsEndToEndFixture>, IClassFixture<Fauxqs>
{
    private const string Key = "key_cloud_0123456789";

    [Fact]
    public async Task Payment_posted_through_the_api_function_completes_through_every_function_no_leg_converts_twice_and_it_reconciles()
    {
        DynamoDbLocal.ExportCredentialsToThisProcess();
        var started = DateTimeOffset.UtcNow.AddSeconds(-1);
        using var sqs = fauxqs.Client();
        var queues = await SqsPaymentQueues.Ensure(sqs, "cloud-" + Guid.NewGuid().ToString("N")[..12], null, CancellationToken.None);
        var settings = new CloudOptions
        {
            TablePrefix = dynamo.Prefix,
            ReadModelTable = dynamo.Prefix + DynamoDbPaymentsSchema.DefaultTableName,
            RampsTable = dynamo.Prefix + DynamoDbRampExecutionLog.DefaultTableName,
            PaymentQueueUrl = queues.QueueUrl,
            DynamoDbEndpoint = dynamo.Local.ServiceUrl,
            SqsEndpoint = new Uri(fauxqs.ServiceUrl),
            ApiKeyHashes = "client_c:" + Convert.ToHexStringLower(ApiKeyRing.Hash(Key)),
        };
        await DynamoDbPaymentsSchema.EnsureCreated(dynamo.Client, settings.ReadModelTable, CancellationToken.None);
        await DynamoDbTables.EnsureCreated(dynamo.Client, DynamoDbRampExecutionLog.Table(settings.RampsTable), CancellationToken.None);
        var api = await Function(LambdaFunctions.Api, settings);
        var enqueuer = await Function(LambdaFunctions.JobEnqueuer, settings);
        var worker = await Function(LambdaFunctions.Worker, settings);
        var projector = await Function(LambdaFunctions.Projector, settings);

        var created = JsonSerializer.Deserialize(await api(PostPayment(), CancellationToken.None), HttpApiJsonContext.Default.HttpApiResponse)!;
        Assert.Equal(202, created.StatusCode);
        var id = JsonDocument.Parse(created.Body).RootElement.GetProperty("payment_id").GetGuid();

        Assert.Empty(Failures(await enqueuer(await StreamEvent(id), CancellationToken.None)));
        var delivery = await ReceiveJob(sqs, queues.QueueUrl);
        Assert.Equal(id, PaymentJob.TryParse(delivery.Body, out _)!.PaymentId);
        Assert.Empty(Failures(await worker(SqsEvent(delivery, queues.QueueUrl, receiveCount: 1), CancellationToken.None)));
        // A duplicate delivery of the same job (SQS is at least once) must not move money again.
        Assert.Empty(Failures(await worker(SqsEvent(delivery, queues.QueueUrl, receiveCount: 2), CancellationToken.None)));
        Assert.Empty(Failures(await projector(await StreamEvent(id), CancellationToken.None)));

        var row = await new DynamoDbPaymentReadModel(dynamo.Client, settings.ReadModelTable).Find(id, CancellationToken.None);
        Assert.Equal(PaymentStatus.Completed, row!.Status);
        Assert.NotNull(row.OnRampTxId);
        Assert.NotNull(row.OffRampTxId);
        var executions = new DynamoDbRampExecutionLog(dynamo.Client, settings.RampsTable);
        foreach (var leg in new[] { RampLeg.OnRamp, RampLeg.OffRamp })
        {
            Assert.Equal(1, (await executions.Usage(RampRequestKey.For(id, leg).Value, CancellationToken.None))!.Value.Executions);
        }

        await ReconcilesClean(api, settings, ReconciliationPeriod.Of(started, DateTimeOffset.UtcNow.AddSeconds(1)));
    }

    /// <summary>
    /// The api function serves GET /reconciliation to finance only (a client key is refused, where an unmapped route
    /// would be 404), and the reconciler it composes reads the statement and requested-by-day indexes: one payment, both legs matched.
    /// </summary>
    private static async Task ReconcilesClean(Func<string, CancellationToken, Task<string>> api, CloudOptions settings, ReconciliationPeriod period)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["authorization"] = "Bearer " + Key };
        var refused = JsonSerializer.Deserialize(await api(HttpApiEvents.Json("GET", "/reconciliation", headers, null), CancellationToken.None), HttpApiJsonContext.Default.HttpApiResponse)!;
        Assert.Equal(403, refused.StatusCode);

        var (app, _) = await CloudApiHost.Start(settings, ApiKeyRing.FromConfiguration("client_c:" + Key), CancellationToken.None);
        await using (app)
        {
            var report = await app.Services.GetRequiredService<PaymentReconciler>().Reconcile(period, CancellationToken.None);
            Assert.Empty(report.Anomalies);
            Assert.Equal((1, 2, 2), (report.Payments, report.StatementLines, report.MatchedLegs));
        }
    }

    private static Task<Func<string, CancellationToken, Task<string>>> Function(string name, CloudOptions settings) =>
        LambdaFunctions.Create(name, settings, NullLoggerFactory.Instance, CancellationToken.None);

    private static string PostPayment()
    {
        var body = """{"amount":"125.50","currency":"EUR","source_account":"DE89370400440532013000","destination_account":"MX-CLABE-032180000118359719"}""";
        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["authorization"] = "Bearer " + Key,
            ["content-type"] = "application/json",
            ["idempotency-key"] = "cloud-" + Guid.NewGuid().ToString("N"),
        };
        return HttpApiEvents.Json("POST", "/payments", headers, body);
    }

    /// <summary>The payment's records on the events stream, as the event source mapping hands them to a function.</summary>
    private async Task<string> StreamEvent(Guid id)
    {
        using var reader = new DynamoDbStreamsReader(dynamo.Local.ServiceUrl);
        var records = (await reader.ReadAll(dynamo.StreamArn)).Where(r => r.Dynamodb!.Keys!["payment_id"].S == id.ToString("D")).ToList();
        Assert.NotEmpty(records);
        return LambdaStreamsEvents.Json(records);
    }

    private static async Task<Message> ReceiveJob(Amazon.SQS.IAmazonSQS sqs, string queueUrl)
    {
        var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 5, MaxNumberOfMessages = 1 });
        return Assert.Single(received.Messages);
    }

    private static string SqsEvent(Message message, string queueUrl, int receiveCount) => new JsonObject
    {
        ["Records"] = new JsonArray(new JsonObject
        {
            ["messageId"] = message.MessageId,
            ["receiptHandle"] = message.ReceiptHandle,
            ["body"] = message.Body,
            ["attributes"] = new JsonObject { ["ApproximateReceiveCount"] = receiveCount.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["eventSource"] = "aws:sqs",
            ["eventSourceARN"] = "arn:aws:sqs:us-east-1:000000000000:" + queueUrl.Split('/')[^1],
        }),
    }.ToJsonString();

    private static IReadOnlyList<JsonNode?> Failures(string response) => [.. JsonNode.Parse(response)!["batchItemFailures"]!.AsArray()];
}

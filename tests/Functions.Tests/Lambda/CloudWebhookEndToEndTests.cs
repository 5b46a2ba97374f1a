using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.KeyManagementService.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using Payments.Application.Ledger;
using Payments.Application.Webhooks.Queue;
using Payments.Application.Webhooks.Routing;
using Payments.Aws;
using Payments.Aws.EventStore;
using Payments.Aws.HttpApi;
using Payments.Aws.Webhooks;
using Payments.Domain.Decisions;
using Payments.Domain.Requests;
using Payments.EventStore.Contract;
using Payments.Functions.Api.Auth;
using Payments.Functions.Lambda.Runtime;
using Payments.TestServices;
using Microsoft.Extensions.Logging.Abstractions;

namespace Payments.Functions.Tests.Lambda;

/// <summary>
/// The cloud webhook column on one machine: endpoints registered through the <c>api</c> function (secrets sealed by
/// moto's KMS, stored in DynamoDB Local), the ledger's events put on the fauxqs webhook queue as the Pipe, bus and
/// rules would (the rules' agreement with EventBridge is <c>RoutingRulesOnMotoTests</c>'), and the <c>webhook</c>
/// function fed SQS batches of 10 as its event source mapping would, sending to a receiver that verifies with npm
/// <c>standardwebhooks</c>.
/// </summary>
public sealed class CloudWebhookEndToEndTests(StreamsEndToEndFixture dynamo, Fauxqs fauxqs, Moto moto, WebhookReceiver receiver)
    : IClassFixture<StreamsEndToEndFixture>, IClassFixture<Fauxqs>, IClassFixture<Moto>, IClassFixture<WebhookReceiver>
{
    private const string Key = "key_hooks_0123456789";
    private const string Client = "client_h";

    [Fact]
    public async Task A_batch_of_10_deliveries_with_3_failing_receivers_reports_exactly_those_3_as_batch_item_failures()
    {
        DynamoDbLocal.ExportCredentialsToThisProcess();
        using var sqs = fauxqs.Client();
        var (settings, queues) = await Provision(sqs);
        var api = await Function(LambdaFunctions.Api, settings);
        var webhook = await Function(LambdaFunctions.Webhook, settings);
        var run = Guid.NewGuid().ToString("N");
        var failing = new HashSet<string>(StringComparer.Ordinal);
        var secrets = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var path = $"/cloud/{run}/{i}";
            if (i is 2 or 5 or 7)
            {
                await receiver.Script(path, 503);
                failing.Add(path);
            }

            secrets.Add(await Register(api, receiver.Url(path)));
        }

        await receiver.SetSecrets([.. secrets]);
        var paymentId = await CompletedPayment(settings);
        var routed = await PutRoutedEnvelopes(sqs, queues.QueueUrl, settings, paymentId);
        Assert.Equal(2, routed);

        var envelopes = await ReceiveBatch(sqs, queues.QueueUrl, expected: routed);
        Assert.Empty(Failures(await webhook(SqsEvent(envelopes, queues.QueueUrl), CancellationToken.None)));
        var deliveries = await ReceiveBatch(sqs, queues.QueueUrl, expected: 10);
        var response = await webhook(SqsEvent(deliveries, queues.QueueUrl), CancellationToken.None);

        var got = new Dictionary<string, ReceivedWebhook>(StringComparer.Ordinal);
        for (var i = 0; i < 10; i++)
        {
            var path = $"/cloud/{run}/{i}";
            got[path] = Assert.Single(await receiver.Received(path));
        }

        Assert.All(got.Values, r => Assert.True(r.Verified, string.Join("; ", r.Verifications)));
        Assert.All(got.Values, r => Assert.Contains("\"type\":\"payment.completed\"", r.Body, StringComparison.Ordinal));
        var failedIds = Failures(response).Select(f => f!["itemIdentifier"]!.GetValue<string>()).Order().ToList();
        var paths = await PathsOf(deliveries, settings);
        var failingMessages = deliveries.Where(m => failing.Contains(paths[m.MessageId])).Select(m => m.MessageId).Order().ToList();
        Assert.Equal(3, failedIds.Count);
        Assert.Equal(failingMessages, failedIds);
    }

    private async Task<(CloudOptions Settings, SqsWebhookQueues Queues)> Provision(IAmazonSQS sqs)
    {
        var tables = DynamoDbWebhookTables.WithPrefix(dynamo.Prefix);
        await DynamoDbWebhookSchema.EnsureCreated(dynamo.Client, tables, CancellationToken.None);
        var queues = await SqsWebhookQueues.Ensure(sqs, "hooks-" + Guid.NewGuid().ToString("N")[..12], null, CancellationToken.None);
        using var kms = moto.Kms();
        var key = await kms.CreateKeyAsync(new CreateKeyRequest { Description = "webhook secrets" });
        var settings = new CloudOptions
        {
            TablePrefix = dynamo.Prefix,
            DynamoDbEndpoint = dynamo.Local.ServiceUrl,
            SqsEndpoint = new Uri(fauxqs.ServiceUrl),
            KmsEndpoint = moto.ServiceUrl,
            ApiKeyHashes = Client + ":" + Convert.ToHexStringLower(ApiKeyRing.Hash(Key)),
            WebhookEndpointsTable = tables.Endpoints,
            WebhookDeliveriesTable = tables.Deliveries,
            WebhookQueueUrl = queues.QueueUrl,
            WebhookDeadLetterQueueUrl = queues.DeadLetterQueueUrl,
            WebhookKeyId = key.KeyMetadata.KeyId,
            WebhookAllowInsecure = true,
        };
        return (settings, queues);
    }

    private static Task<Func<string, CancellationToken, Task<string>>> Function(string name, CloudOptions settings) =>
        LambdaFunctions.Create(name, settings, NullLoggerFactory.Instance, CancellationToken.None);

    private static async Task<string> Register(Func<string, CancellationToken, Task<string>> api, Uri url)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["authorization"] = "Bearer " + Key, ["content-type"] = "application/json" };
        var answer = JsonSerializer.Deserialize(
            await api(HttpApiEvents.Json("POST", "/webhook-endpoints", headers, $$"""{"url":"{{url}}","event_types":["payment.completed"]}"""), CancellationToken.None),
            HttpApiJsonContext.Default.HttpApiResponse)!;
        Assert.Equal(201, answer.StatusCode);
        return JsonDocument.Parse(answer.Body).RootElement.GetProperty("secret").GetString()!;
    }

    /// <summary>A payment of the client walked to COMPLETED directly through the ledger on DynamoDB Local.</summary>
    private async Task<Guid> CompletedPayment(CloudOptions settings)
    {
        var ledger = new PaymentLedger(new DynamoDbEventStore(dynamo.Client, DynamoDbEventStoreTables.WithPrefix(settings.TablePrefix), TimeProvider.System), TimeProvider.System);
        PaymentRequestValidator.Validate(new PaymentRequest(40m, "EUR", "DE89370400440532013000", "MX-CLABE-032180000118359719"), out var request);
        var metadata = new EventMetadata("test", null, "test");
        var accepted = (RequestOutcome.Accepted)await ledger.Request(Client, IdempotencyKey.Parse("hooks-" + Guid.NewGuid().ToString("N")), request!, metadata, CancellationToken.None);
        var id = accepted.Payment.PaymentId;
        PaymentCommand[] steps = [new PaymentCommand.StartProcessing(), new PaymentCommand.CompleteOnRamp("on-1", 43.2m, 1.08m), new PaymentCommand.CompleteOffRamp("off-1", 800.5m, 18.53m)];
        foreach (var step in steps)
        {
            Assert.Null((await ledger.Execute(id, step, metadata, CancellationToken.None)).Rejection);
        }

        return id;
    }

    /// <summary>
    /// The payment's events as the Pipe renders them (byte-equal to <see cref="LedgerEventEnvelope.From"/>, per
    /// <c>LedgerEventPipeTests</c>), those the shared rules match sent as the rules' SQS target would; the number sent.
    /// </summary>
    private static async Task<int> PutRoutedEnvelopes(IAmazonSQS sqs, string queueUrl, CloudOptions settings, Guid paymentId)
    {
        var store = new DynamoDbEventStore(CloudClients.DynamoDb(settings.DynamoDbEndpoint), DynamoDbEventStoreTables.WithPrefix(settings.TablePrefix), TimeProvider.System);
        var rules = WebhookRoutingRules.All.Select(r => EventPattern.Parse(r.EventPattern)).ToList();
        var sent = 0;
        foreach (var stored in await store.ReadStream(StreamId.For(paymentId), 1, CancellationToken.None))
        {
            var envelope = LedgerEventEnvelope.From(stored).ToJson();
            if (rules.Any(rule => rule.Matches(envelope)))
            {
                await sqs.SendMessageAsync(queueUrl, envelope);
                sent++;
            }
        }

        return sent;
    }

    private static async Task<List<Message>> ReceiveBatch(IAmazonSQS sqs, string queueUrl, int expected)
    {
        var messages = new List<Message>();
        for (var poll = 0; poll < 10 && messages.Count < expected; poll++)
        {
            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = queueUrl, WaitTimeSeconds = 2, MaxNumberOfMessages = 10, MessageSystemAttributeNames = ["ApproximateReceiveCount"],
            });
            messages.AddRange(received.Messages ?? []);
        }

        Assert.Equal(expected, messages.Count);
        return messages;
    }

    /// <summary>The receiver path each delivery message is for: delivery → endpoint → its URL.</summary>
    private async Task<Dictionary<string, string>> PathsOf(IEnumerable<Message> deliveries, CloudOptions settings)
    {
        var store = new DynamoDbWebhookStore(dynamo.Client, new DynamoDbWebhookTables(settings.WebhookEndpointsTable, settings.WebhookDeliveriesTable));
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var message in deliveries)
        {
            var body = Assert.IsType<WebhookQueueMessage.Delivery>(WebhookQueueMessage.TryParse(message.Body));
            var delivery = await store.FindDelivery(body.DeliveryId, CancellationToken.None);
            var endpoint = await store.Find(Client, delivery!.EndpointId, CancellationToken.None);
            paths[message.MessageId] = new Uri(endpoint!.Url).AbsolutePath;
        }

        return paths;
    }

    private static string SqsEvent(IEnumerable<Message> messages, string queueUrl) => new JsonObject
    {
        ["Records"] = new JsonArray([.. messages.Select(m => (JsonNode)new JsonObject
        {
            ["messageId"] = m.MessageId,
            ["receiptHandle"] = m.ReceiptHandle,
            ["body"] = m.Body,
            ["attributes"] = new JsonObject { ["ApproximateReceiveCount"] = "1" },
            ["eventSource"] = "aws:sqs",
            ["eventSourceARN"] = "arn:aws:sqs:us-east-1:000000000000:" + queueUrl.Split('/')[^1],
        })]),
    }.ToJsonString();

    private static IReadOnlyList<JsonNode?> Failures(string response) => [.. JsonNode.Parse(response)!["batchItemFailures"]!.AsArray()];
}

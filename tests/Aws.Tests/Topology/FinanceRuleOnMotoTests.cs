using System.Text.Json;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Payments.Application.Webhooks.Routing;
using Payments.Aws.Topology;
using Payments.Domain.Serialization;
using Payments.EventStore.Contract;
using Payments.TestServices;

namespace Payments.Aws.Tests.Topology;

/// <summary>
/// The topology's bus, rules and rule-target queues created on moto (EventBridge with SQS targets, whole events, no
/// input transformer, as the Pulumi program provisions them), fed the envelopes the Pipe puts for every ledger event
/// type: finance's queue must receive each envelope once, identical to the copy a webhook rule delivers. Each entry
/// carries its time because moto, unlike EventBridge, would stamp every rule's copy with its own delivery time.
/// </summary>
public sealed class FinanceRuleOnMotoTests(Moto moto) : IClassFixture<Moto>
{
    private static readonly CloudTopology Topology = CloudTopology.Define(CloudEnvironment.Dev with { Name = "f" + Guid.NewGuid().ToString("N")[..8] });

    [Fact]
    public async Task Finance_queue_receives_every_ledger_envelope_once_identical_to_the_webhook_rules_copy()
    {
        using var events = new EventBridgeApi(moto.ServiceUrl);
        using var sqs = new AmazonSQSClient(
            new BasicAWSCredentials(DynamoDbLocal.AccessKey, DynamoDbLocal.SecretKey),
            new AmazonSQSConfig { ServiceURL = moto.ServiceUrl.ToString(), AuthenticationRegion = DynamoDbLocal.Region, MaxErrorRetry = 0 });
        var queueUrls = await CreateRuleTargets(events, sqs);
        var sent = PaymentEventCodec.TypeNames.Select(type => LedgerEventEnvelope.From(Stored(type))).ToList();

        var ids = new List<string>();
        foreach (var batch in sent.Chunk(EventBridgeApi.MaxEntriesPerPut))
        {
            ids.AddRange(await events.PutEvents([.. batch.Select(e => new PutEventsEntry(e.Source, e.DetailType, Detail(e), Topology.EventBus, null) { Time = e.Time.ToUnixTimeSeconds() })]));
        }

        var finance = await Drain(sqs, queueUrls[FinanceQueue.Name]);
        var webhooks = await Drain(sqs, queueUrls[WebhookQueue.Name]);

        Assert.Equal(ids.Order(), finance.Keys.Order());
        Assert.All(ids.Zip(sent), pair =>
        {
            var received = finance[pair.First];
            Assert.Equal((pair.Second.Source, pair.Second.DetailType), (received.GetProperty("source").GetString(), received.GetProperty("detail-type").GetString()));
            Assert.True(JsonElement.DeepEquals(JsonElement.Parse(Detail(pair.Second)), received.GetProperty("detail")), received.GetProperty("detail").GetRawText());
            Assert.Equal(pair.Second.Detail, LedgerEventEnvelope.TryParse(received.GetRawText())!.Detail);
        });
        Assert.Equal(5, webhooks.Count);
        Assert.All(webhooks, copy => Assert.True(JsonElement.DeepEquals(copy.Value, finance[copy.Key]), $"webhook copy {copy.Value}\nfinance copy {finance[copy.Key]}"));
    }

    private static QueueDefinition FinanceQueue => Topology.Queues.Single(q => q.Name.EndsWith("-finance-events", StringComparison.Ordinal));

    private static QueueDefinition WebhookQueue => Topology.Queues.Single(q => q.Name.EndsWith("-webhooks", StringComparison.Ordinal));

    /// <summary>The bus, every rule with its pattern and its target queue (after the target's dead-letter queue).</summary>
    private static async Task<Dictionary<string, string>> CreateRuleTargets(EventBridgeApi events, AmazonSQSClient sqs)
    {
        await events.CreateEventBus(Topology.EventBus);
        var urls = new Dictionary<string, string>(StringComparer.Ordinal);
        var arns = new Dictionary<string, string>(StringComparer.Ordinal);
        var targets = Topology.Rules.Select(r => r.Target.Name).Distinct().Select(name => Topology.Queues.Single(q => q.Name == name));
        foreach (var queue in targets.SelectMany(q => new[] { q.DeadLetter!, q }))
        {
            urls[queue.Name] = (await sqs.CreateQueueAsync(new CreateQueueRequest
            {
                QueueName = queue.Name,
                Attributes = SqsQueueAttributes.For(queue, queue.DeadLetter is { } dlq ? arns[dlq.Name] : null),
            })).QueueUrl;
            arns[queue.Name] = (await sqs.GetQueueAttributesAsync(urls[queue.Name], ["QueueArn"])).QueueARN;
        }

        foreach (var rule in Topology.Rules)
        {
            Assert.Equal(ResourceRef.Bus(Topology.EventBus), rule.Bus);
            await events.PutRule(rule.Name, Topology.EventBus, rule.EventPattern);
            await events.PutSqsTarget(rule.Name, Topology.EventBus, arns[rule.Target.Name]);
        }

        return urls;
    }

    /// <summary>Every message in the queue by its envelope's id; a second copy of an id fails the test.</summary>
    private static async Task<Dictionary<string, JsonElement>> Drain(AmazonSQSClient sqs, string queueUrl)
    {
        var received = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        while ((await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 0 })).Messages is { Count: > 0 } messages)
        {
            foreach (var message in messages)
            {
                var envelope = JsonElement.Parse(message.Body);
                received.Add(envelope.GetProperty("id").GetString()!, envelope);
                await sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle);
            }
        }

        return received;
    }

    private static string Detail(LedgerEventEnvelope envelope) =>
        JsonElement.Parse(envelope.ToJson()).GetProperty("detail").GetRawText();

    private static StoredEvent Stored(string type) => new(
        StreamId.For(Guid.NewGuid()), 3, 3, type, 1, new DateTimeOffset(2026, 3, 1, 9, 30, 15, TimeSpan.Zero).AddTicks(1234567), "{}", new EventMetadata("c", null, "t"), "h");
}

using System.Globalization;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Payments.TestServices;

namespace Payments.Aws.Tests.Webhooks;

/// <summary>
/// An event bus on moto with one rule per pattern, each targeting a queue of its own, so a delivery names the rule that
/// made it. moto routes during PutEvents, so once the puts return every delivery is already in its queue. Each target
/// delivers only the event's id, through an input transformer: moto renders a delivery through jsonpath expressions it
/// compiles afresh every time (about 40 ms each here, eight for the whole event), and the id is all the comparison needs.
/// </summary>
internal sealed class RuleBusOnMoto : IDisposable
{
    private static readonly Dictionary<string, string> IdOnly = new(StringComparer.Ordinal) { ["id"] = "$.id" };

    private readonly EventBridgeApi _events;
    private readonly IAmazonSQS _sqs;
    private readonly string _bus;
    private readonly IReadOnlyList<(string Rule, string QueueUrl)> _queues;

    private RuleBusOnMoto(EventBridgeApi events, IAmazonSQS sqs, string bus, IReadOnlyList<(string Rule, string QueueUrl)> queues, string account)
    {
        _events = events;
        _sqs = sqs;
        _bus = bus;
        _queues = queues;
        Account = account;
    }

    public string Account { get; }

    public string Region => DynamoDbLocal.Region;

    public static async Task<RuleBusOnMoto> Create(Moto moto, IReadOnlyList<(string Name, string Pattern)> rules)
    {
        var events = new EventBridgeApi(moto.ServiceUrl);
        var sqs = new AmazonSQSClient(
            new BasicAWSCredentials(DynamoDbLocal.AccessKey, DynamoDbLocal.SecretKey),
            new AmazonSQSConfig { ServiceURL = moto.ServiceUrl.ToString(), AuthenticationRegion = DynamoDbLocal.Region, MaxErrorRetry = 0 });
        var run = Guid.NewGuid().ToString("N")[..12];
        var bus = $"webhooks-{run}";
        await events.CreateEventBus(bus);
        var queues = new List<(string, string)>();
        var account = "";
        foreach (var (name, pattern) in rules)
        {
            var queueUrl = (await sqs.CreateQueueAsync($"{name}-{run}")).QueueUrl;
            var attributes = await sqs.GetQueueAttributesAsync(queueUrl, ["QueueArn"]);
            account = attributes.QueueARN.Split(':')[4];
            await events.PutRule(name, bus, pattern);
            await events.PutSqsTarget(name, bus, attributes.QueueARN, IdOnly, """{"id": "<id>"}""");
            queues.Add((name, queueUrl));
        }

        return new RuleBusOnMoto(events, sqs, bus, queues, account);
    }

    /// <summary>Puts the envelopes in batches of ten; returns the event id the bus gave each.</summary>
    public async Task<List<string>> Put(IReadOnlyList<GeneratedEnvelope> envelopes)
    {
        var ids = new List<string>();
        foreach (var batch in envelopes.Chunk(EventBridgeApi.MaxEntriesPerPut))
        {
            ids.AddRange(await _events.PutEvents([.. batch.Select(e => new PutEventsEntry(e.Source, e.DetailType, e.Detail.ToJsonString(), _bus, e.Resources))]));
        }

        return ids;
    }

    /// <summary>Every delivery each rule's queue holds, as the delivered events' ids (a duplicate delivery shows twice).</summary>
    public async Task<Dictionary<string, List<string>>> Drain()
    {
        var delivered = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (rule, queueUrl) in _queues)
        {
            var ids = delivered[rule] = [];
            while ((await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 0 })).Messages is { Count: > 0 } messages)
            {
                ids.AddRange(messages.Select(m => EventId(m.Body)));

                // moto's receive costs time in proportion to everything the queue holds, in flight included.
                await _sqs.DeleteMessageBatchAsync(queueUrl, [.. messages.Select((m, i) => new DeleteMessageBatchRequestEntry(i.ToString(CultureInfo.InvariantCulture), m.ReceiptHandle))]);
            }
        }

        return delivered;
    }

    public void Dispose()
    {
        _events.Dispose();
        _sqs.Dispose();
    }

    private static string EventId(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("id").GetString()!;
    }
}

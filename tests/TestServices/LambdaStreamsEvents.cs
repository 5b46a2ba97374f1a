using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Payments.EventStore.Contract;
using Payments.Aws.EventStore;
using Payments.Aws.Streams;

namespace Payments.TestServices;

/// <summary>Builds DynamoDB Streams events in exactly the JSON shape Lambda delivers.</summary>
public static class LambdaStreamsEvents
{
    public const string StreamArn = "arn:aws:dynamodb:us-east-1:000000000000:table/payment_events/stream/2026-11-25T09:00:00.000";

    public static DynamoDbStreamRecord Insert(StoredEvent e, long sequence) => new()
    {
        EventId = "ev-" + sequence.ToString(CultureInfo.InvariantCulture),
        EventName = DynamoDbStreamRecord.Insert,
        EventVersion = "1.1",
        EventSource = "aws:dynamodb",
        AwsRegion = "us-east-1",
        EventSourceArn = StreamArn,
        Dynamodb = new StreamRecordBody
        {
            ApproximateCreationDateTime = 1_795_000_000,
            Keys = Image(DynamoDbEventItem.From(e).Where(p => p.Key is "payment_id" or "version").ToDictionary()),
            NewImage = Image(DynamoDbEventItem.From(e)),
            SequenceNumber = Sequence(sequence),
            SizeBytes = 300,
            StreamViewType = "NEW_IMAGE",
        },
    };

    public static string Sequence(long n) => (100_000_000_000_000_000_000m + n).ToString(CultureInfo.InvariantCulture);

    public static string Json(IEnumerable<DynamoDbStreamRecord> records) =>
        JsonSerializer.Serialize(new DynamoDbStreamsEvent { Records = records.ToList() }, StreamsJsonContext.Default.DynamoDbStreamsEvent);

    private static Dictionary<string, StreamAttributeValue> Image(Dictionary<string, AttributeValue> item) =>
        item.ToDictionary(p => p.Key, p => p.Value.N is { } n ? new StreamAttributeValue { N = n } : new StreamAttributeValue { S = p.Value.S });
}

using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.DynamoDBv2.Model;
using FsCheck;
using FsCheck.Fluent;
using Payments.Application.Webhooks.Routing;
using Payments.Aws.EventStore;
using Payments.Aws.Topology;
using Payments.EventStore.Contract;

namespace Payments.Aws.Tests.Topology;

/// <summary>
/// The Pipe's input template played against the stream image the event store writes: the cloud column's envelope
/// detail must be byte for byte the one the embedded router builds (<see cref="LedgerEventEnvelope.From"/>).
/// </summary>
public sealed partial class LedgerEventPipeTests
{
    private static readonly PipeDefinition Pipe = CloudTopology.Define(CloudEnvironment.Prod).Pipe;

    [Fact]
    public void Pipe_forwards_every_insert_to_the_bus_and_leaves_the_choosing_to_the_rules()
    {
        Assert.Equal("""{"eventName":["INSERT"]}""", Pipe.FilterPattern);
        Assert.Equal(LedgerEventEnvelope.LedgerSource, Pipe.EventSource);
    }

    [Fact]
    public void Detail_rendered_from_the_stream_image_is_the_embedded_routers_detail_byte_for_byte()
    {
        var stored = Event(new DateTimeOffset(2026, 3, 1, 9, 30, 15, TimeSpan.FromHours(2)).AddTicks(1234567), version: 12, "PaymentCompleted");
        var image = DynamoDbEventItem.From(stored);

        Assert.Equal(DetailOf(LedgerEventEnvelope.From(stored)), Render(Pipe.DetailTemplate, image));
        Assert.Equal("PaymentCompleted", Resolve(Pipe.DetailTypePath, image));
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Occurred_at_in_the_envelope_is_the_text_the_event_store_writes_at_any_instant_and_offset() =>
        Prop.ForAll(
            Arb.From(Gen.Choose(0, int.MaxValue).Zip(Gen.Choose(-14 * 60, 14 * 60))),
            pair =>
            {
                var (seconds, offsetMinutes) = pair;
                var at = new DateTimeOffset(DateTime.SpecifyKind(new DateTime(2000, 1, 1).AddSeconds(seconds).AddTicks(seconds % 10_000_000), DateTimeKind.Unspecified), TimeSpan.FromMinutes(offsetMinutes));
                var stored = Event(at, version: 1 + (seconds % 50), "PaymentFailed");
                return LedgerEventEnvelope.From(stored).Detail.OccurredAt == DynamoDbEventItem.From(stored)[DynamoDbEventAttributes.OccurredAt].S
                    && Render(Pipe.DetailTemplate, DynamoDbEventItem.From(stored)) == DetailOf(LedgerEventEnvelope.From(stored));
            });

    private static StoredEvent Event(DateTimeOffset at, long version, string type) =>
        new(StreamId.For(Guid.NewGuid()), version, 0, type, 1, at, """{"amount":"10.00"}""", new EventMetadata("c", null, "t"), "hash");

    private static string DetailOf(LedgerEventEnvelope envelope)
    {
        using var json = JsonDocument.Parse(envelope.ToJson());
        return json.RootElement.GetProperty("detail").GetRawText();
    }

    /// <summary>Pipes' input template: each quoted placeholder is the value at its JSON path in the stream record.</summary>
    private static string Render(string template, Dictionary<string, AttributeValue> image) =>
        Placeholder().Replace(template, match => Resolve(match.Groups["path"].Value, image));

    private static string Resolve(string path, Dictionary<string, AttributeValue> image)
    {
        var parts = path.Split('.');
        Assert.Equal(["$", "dynamodb", "NewImage"], parts[..3]);
        var value = image[parts[3]];
        return parts[4] switch
        {
            "S" => value.S,
            "N" => value.N,
            _ => throw new InvalidOperationException($"No {parts[4]} in {path}"),
        };
    }

    [GeneratedRegex(@"<(?<path>\$\.dynamodb\.NewImage\.[a-z_]+\.[SN])>")]
    private static partial Regex Placeholder();
}

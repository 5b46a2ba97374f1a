using System.Text.Json.Serialization;

namespace Payments.TestServices;

/// <summary>One PutEvents entry; <paramref name="Detail"/> is the detail object as JSON text, as the API takes it.</summary>
public sealed record PutEventsEntry(
    [property: JsonPropertyName("Source")] string Source,
    [property: JsonPropertyName("DetailType")] string DetailType,
    [property: JsonPropertyName("Detail")] string Detail,
    [property: JsonPropertyName("EventBusName")] string EventBusName,
    [property: JsonPropertyName("Resources"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Resources)
{
    /// <summary>
    /// The event's time in epoch seconds. EventBridge stamps an event without one once, at PutEvents; moto stamps each
    /// rule's delivery separately, so tests comparing two rules' copies of one event set it.
    /// </summary>
    [JsonPropertyName("Time")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Time { get; init; }
}

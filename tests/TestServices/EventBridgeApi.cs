using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Payments.TestServices;

/// <summary>
/// The few EventBridge calls the rule tests need, over its JSON 1.1 protocol (NuGet does not serve AWSSDK.EventBridge
/// here): an event bus, rules with SQS targets, and PutEvents.
/// </summary>
public sealed class EventBridgeApi(Uri serviceUrl) : IDisposable
{
    /// <summary>EventBridge takes at most this many entries per PutEvents.</summary>
    public const int MaxEntriesPerPut = 10;

    private readonly HttpClient _http = new();

    public async Task CreateEventBus(string name) =>
        await Call("CreateEventBus", new CreateEventBusRequest(name), EventBridgeApiJsonContext.Default.CreateEventBusRequest, EventBridgeApiJsonContext.Default.JsonElement);

    public async Task PutRule(string name, string eventBus, string eventPattern) =>
        await Call("PutRule", new PutRuleRequest(name, eventBus, eventPattern), EventBridgeApiJsonContext.Default.PutRuleRequest, EventBridgeApiJsonContext.Default.JsonElement);

    /// <summary>
    /// Targets a queue with the rule. Without <paramref name="inputPaths"/> the queue receives the whole event; with them,
    /// <paramref name="inputTemplate"/> filled from those paths (EventBridge's InputTransformer).
    /// </summary>
    public async Task PutSqsTarget(string rule, string eventBus, string queueArn, IReadOnlyDictionary<string, string>? inputPaths = null, string? inputTemplate = null)
    {
        var transformer = inputPaths is null ? null : new InputTransformer(inputPaths, inputTemplate ?? throw new ArgumentNullException(nameof(inputTemplate)));
        var response = await Call(
            "PutTargets",
            new PutTargetsRequest(rule, eventBus, [new RuleTarget("queue", queueArn, transformer)]),
            EventBridgeApiJsonContext.Default.PutTargetsRequest,
            EventBridgeApiJsonContext.Default.PutTargetsResponse);
        if (response.FailedEntryCount > 0)
        {
            throw new HttpRequestException($"PutTargets refused the target of rule {rule}.");
        }
    }

    /// <summary>Puts up to <see cref="MaxEntriesPerPut"/> events; returns the event id EventBridge gave each, in order.</summary>
    public async Task<IReadOnlyList<string>> PutEvents(IReadOnlyList<PutEventsEntry> entries)
    {
        var response = await Call("PutEvents", new PutEventsRequest(entries), EventBridgeApiJsonContext.Default.PutEventsRequest, EventBridgeApiJsonContext.Default.PutEventsResponse);
        return response.Entries.Count == entries.Count && response.Entries.All(e => e.EventId is not null)
            ? [.. response.Entries.Select(e => e.EventId!)]
            : throw new HttpRequestException($"PutEvents refused entries: {string.Join("; ", response.Entries.Select(e => e.ErrorMessage))}");
    }

    public void Dispose() => _http.Dispose();

    private async Task<TResponse> Call<TRequest, TResponse>(string operation, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType)
    {
        const string contentType = "application/x-amz-json-1.1";
        var json = JsonSerializer.Serialize(body, requestType);
        using var request = new HttpRequestMessage(HttpMethod.Post, serviceUrl);
        request.Headers.Add("X-Amz-Target", "AWSEvents." + operation);
        request.Content = new StringContent(json, Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        SigV4.Sign(request, json, DynamoDbLocal.AccessKey, DynamoDbLocal.SecretKey, DynamoDbLocal.Region, "events", DateTimeOffset.UtcNow, contentType);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonSerializer.Deserialize(text, responseType)!
            : throw new HttpRequestException($"{operation} failed: {(int)response.StatusCode} {text}");
    }
}

internal sealed record CreateEventBusRequest([property: JsonPropertyName("Name")] string Name);

internal sealed record PutRuleRequest(
    [property: JsonPropertyName("Name")] string Name,
    [property: JsonPropertyName("EventBusName")] string EventBusName,
    [property: JsonPropertyName("EventPattern")] string EventPattern);

internal sealed record RuleTarget(
    [property: JsonPropertyName("Id")] string Id,
    [property: JsonPropertyName("Arn")] string Arn,
    [property: JsonPropertyName("InputTransformer"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] InputTransformer? InputTransformer);

internal sealed record InputTransformer(
    [property: JsonPropertyName("InputPathsMap")] IReadOnlyDictionary<string, string> InputPathsMap,
    [property: JsonPropertyName("InputTemplate")] string InputTemplate);

internal sealed record PutTargetsRequest(
    [property: JsonPropertyName("Rule")] string Rule,
    [property: JsonPropertyName("EventBusName")] string EventBusName,
    [property: JsonPropertyName("Targets")] IReadOnlyList<RuleTarget> Targets);

internal sealed record PutTargetsResponse([property: JsonPropertyName("FailedEntryCount")] int FailedEntryCount);

internal sealed record PutEventsRequest([property: JsonPropertyName("Entries")] IReadOnlyList<PutEventsEntry> Entries);

internal sealed record PutEventsResultEntry(
    [property: JsonPropertyName("EventId")] string? EventId,
    [property: JsonPropertyName("ErrorMessage")] string? ErrorMessage);

internal sealed record PutEventsResponse([property: JsonPropertyName("Entries")] IReadOnlyList<PutEventsResultEntry> Entries);

[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(CreateEventBusRequest))]
[JsonSerializable(typeof(PutRuleRequest))]
[JsonSerializable(typeof(PutTargetsRequest))]
[JsonSerializable(typeof(PutTargetsResponse))]
[JsonSerializable(typeof(PutEventsRequest))]
[JsonSerializable(typeof(PutEventsResponse))]
internal sealed partial class EventBridgeApiJsonContext : JsonSerializerContext;

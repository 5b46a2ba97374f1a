using System.Text.Json.Nodes;

namespace Payments.Functions.Api.Contracts;

/// <summary>One catalogue entry with the JSON Schema (draft 2020-12) of its payload.</summary>
public sealed record WebhookEventTypeResponse(string Type, string Description, JsonObject Schema);

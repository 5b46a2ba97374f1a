using System.Text.Json.Serialization;

namespace Payments.Application.Reconciliation;

/// <summary>The report as tools read it, from `reconcile --json` and GET /reconciliation alike.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(ReconciliationReport))]
public sealed partial class ReconciliationJsonContext : JsonSerializerContext;

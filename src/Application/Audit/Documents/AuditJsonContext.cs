using System.Text.Json.Serialization;

namespace Payments.Application.Audit.Documents;

/// <summary>The audit documents' one wire form, shared by the API, the CLI and the bundles it writes and reads.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(CheckpointDocument))]
[JsonSerializable(typeof(InclusionProofDocument))]
[JsonSerializable(typeof(ConsistencyProofDocument))]
[JsonSerializable(typeof(AuditEventLine))]
[JsonSerializable(typeof(List<CheckpointDocument>))]
[JsonSerializable(typeof(PaymentAuditDocument))]
public sealed partial class AuditJsonContext : JsonSerializerContext;

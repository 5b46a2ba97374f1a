namespace Payments.Domain.Serialization;

/// <summary>A payment event as the event store keeps it: a stable type name, a schema version and JSON.</summary>
public sealed record EncodedPaymentEvent(string Type, int SchemaVersion, string Data);

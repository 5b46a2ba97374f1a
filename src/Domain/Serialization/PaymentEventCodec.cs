using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Payments.Domain.Events;

namespace Payments.Domain.Serialization;

/// <summary>
/// Maps payment events to stored type names and back. The names are wire constants: renaming a
/// record must not change what is already in the ledger.
/// </summary>
public static class PaymentEventCodec
{
    private const int SchemaVersion = 1;

    private static readonly Dictionary<string, JsonTypeInfo> ByName = new(StringComparer.Ordinal)
    {
        ["PaymentRequested"] = PaymentEventJsonContext.Default.PaymentRequested,
        ["PaymentProcessingStarted"] = PaymentEventJsonContext.Default.PaymentProcessingStarted,
        ["OnRampCompleted"] = PaymentEventJsonContext.Default.OnRampCompleted,
        ["OnRampFailed"] = PaymentEventJsonContext.Default.OnRampFailed,
        ["OffRampCompleted"] = PaymentEventJsonContext.Default.OffRampCompleted,
        ["OffRampFailed"] = PaymentEventJsonContext.Default.OffRampFailed,
        ["RampOutcomeUnknown"] = PaymentEventJsonContext.Default.RampOutcomeUnknown,
        ["ReversalCompleted"] = PaymentEventJsonContext.Default.ReversalCompleted,
        ["ReversalRefused"] = PaymentEventJsonContext.Default.ReversalRefused,
        ["PaymentCompleted"] = PaymentEventJsonContext.Default.PaymentCompleted,
        ["PaymentFailed"] = PaymentEventJsonContext.Default.PaymentFailed,
    };

    private static readonly Dictionary<Type, string> ByType = ByName.ToDictionary(p => p.Value.Type, p => p.Key);

    public static IReadOnlyCollection<string> TypeNames => ByName.Keys;

    /// <summary>The stored type name of <typeparamref name="TEvent"/>, for consumers that filter before decoding.</summary>
    public static string TypeName<TEvent>()
        where TEvent : PaymentEvent =>
        ByType.TryGetValue(typeof(TEvent), out var name)
            ? name
            : throw new InvalidOperationException($"{typeof(TEvent).FullName} has no stored type name.");

    public static string TypeName(PaymentEvent @event) =>
        ByType.TryGetValue(@event.GetType(), out var name)
            ? name
            : throw new InvalidOperationException($"{@event.GetType().FullName} has no stored type name.");

    public static EncodedPaymentEvent Encode(PaymentEvent @event)
    {
        var name = TypeName(@event);
        return new EncodedPaymentEvent(name, SchemaVersion, JsonSerializer.Serialize(@event, ByName[name]));
    }

    public static PaymentEvent Decode(string type, int schemaVersion, string data)
    {
        if (schemaVersion != SchemaVersion || !ByName.TryGetValue(type, out var info))
        {
            throw new UnknownEventTypeException(type, schemaVersion);
        }

        return JsonSerializer.Deserialize(data, info) as PaymentEvent
            ?? throw new JsonException($"Stored {type} event is JSON null.");
    }
}

using System.Text.Json.Serialization;
using Payments.Domain.Events;

namespace Payments.Domain.Serialization;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(PaymentEvent.PaymentRequested))]
[JsonSerializable(typeof(PaymentEvent.PaymentProcessingStarted))]
[JsonSerializable(typeof(PaymentEvent.OnRampCompleted))]
[JsonSerializable(typeof(PaymentEvent.OnRampFailed))]
[JsonSerializable(typeof(PaymentEvent.OffRampCompleted))]
[JsonSerializable(typeof(PaymentEvent.OffRampFailed))]
[JsonSerializable(typeof(PaymentEvent.RampOutcomeUnknown))]
[JsonSerializable(typeof(PaymentEvent.ReversalCompleted))]
[JsonSerializable(typeof(PaymentEvent.ReversalRefused))]
[JsonSerializable(typeof(PaymentEvent.PaymentCompleted))]
[JsonSerializable(typeof(PaymentEvent.PaymentFailed))]
internal sealed partial class PaymentEventJsonContext : JsonSerializerContext;

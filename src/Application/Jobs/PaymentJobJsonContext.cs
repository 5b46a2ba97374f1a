using System.Text.Json.Serialization;

namespace Payments.Application.Jobs;

[JsonSerializable(typeof(PaymentJob))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
internal sealed partial class PaymentJobJsonContext : JsonSerializerContext;

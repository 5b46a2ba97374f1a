using System.Text.Json.Serialization;

namespace Payments.Functions.Lambda.Runtime;

[JsonSerializable(typeof(LambdaErrorResponse))]
[JsonSerializable(typeof(SweepResult))]
internal sealed partial class LambdaRuntimeJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace Payments.Functions.Lambda.Runtime;

[JsonSerializable(typeof(LambdaErrorResponse))]
internal sealed partial class LambdaRuntimeJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace Payments.Aws.HttpApi;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HttpApiRequest))]
[JsonSerializable(typeof(HttpApiResponse))]
public sealed partial class HttpApiJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace Payments.Functions.Lambda.Runtime;

/// <summary>The error document the Runtime API expects (camelCase, as AWS documents it).</summary>
public sealed record LambdaErrorResponse(
    [property: JsonPropertyName("errorMessage")] string ErrorMessage,
    [property: JsonPropertyName("errorType")] string ErrorType);

namespace Payments.Aws.HttpApi;

/// <summary>What the function returns to API Gateway (payload format 2.0): multi-valued headers comma-joined, cookies apart.</summary>
public sealed record HttpApiResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, IReadOnlyList<string> Cookies, string Body, bool IsBase64Encoded);

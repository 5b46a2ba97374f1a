namespace Payments.Aws.HttpApi;

/// <summary>An API Gateway HTTP API request in payload format 2.0, as Lambda delivers it (AWS's field names, camelCase).</summary>
public sealed record HttpApiRequest(
    string? Version,
    string? RouteKey,
    string? RawPath,
    string? RawQueryString,
    IReadOnlyList<string>? Cookies,
    IReadOnlyDictionary<string, string>? Headers,
    IReadOnlyDictionary<string, string>? QueryStringParameters,
    IReadOnlyDictionary<string, string>? PathParameters,
    IReadOnlyDictionary<string, string>? StageVariables,
    HttpApiRequestContext? RequestContext,
    string? Body,
    bool IsBase64Encoded);

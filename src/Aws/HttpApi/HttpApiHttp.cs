namespace Payments.Aws.HttpApi;

/// <summary>The request line of an HTTP API request (<c>requestContext.http</c>).</summary>
public sealed record HttpApiHttp(string? Method, string? Path, string? Protocol, string? SourceIp, string? UserAgent);

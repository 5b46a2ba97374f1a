namespace Payments.Aws.HttpApi;

public sealed record HttpApiRequestContext(string? AccountId, string? ApiId, string? DomainName, string? RequestId, string? Stage, HttpApiHttp? Http, long TimeEpoch);

namespace Payments.Aws.Topology;

/// <summary>
/// A function's environment variable: a value known when the topology is defined, the URL of a provisioned queue, or
/// the ARN of a provisioned resource (a KMS key).
/// </summary>
public sealed record EnvironmentValue(string? Literal, ResourceRef? QueueUrlOf, ResourceRef? ArnOfResource = null)
{
    public static EnvironmentValue Of(string literal) => new(literal, null);

    public static EnvironmentValue UrlOf(ResourceRef queue) => new(null, queue);

    public static EnvironmentValue ArnOf(ResourceRef resource) => new(null, null, resource);
}

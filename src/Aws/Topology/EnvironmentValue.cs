namespace Payments.Aws.Topology;

/// <summary>A function's environment variable: a value known when the topology is defined, or the URL of a provisioned queue.</summary>
public sealed record EnvironmentValue(string? Literal, ResourceRef? QueueUrlOf)
{
    public static EnvironmentValue Of(string literal) => new(literal, null);

    public static EnvironmentValue UrlOf(ResourceRef queue) => new(null, queue);
}

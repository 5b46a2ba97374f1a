namespace Payments.Aws.Topology;

/// <summary>
/// A resource of the topology named by kind and name, so policies, triggers and environment variables point at
/// resources rather than at ARNs; the Pulumi program resolves each to the ARN or URL it provisioned.
/// </summary>
public sealed record ResourceRef(ResourceKind Kind, string Name)
{
    public static ResourceRef Table(string name) => new(ResourceKind.Table, name);

    /// <summary>Every global secondary index of the table (<c>table/NAME/index/*</c>).</summary>
    public static ResourceRef TableIndexes(string name) => new(ResourceKind.TableIndexes, name);

    public static ResourceRef TableStream(string name) => new(ResourceKind.TableStream, name);

    public static ResourceRef Queue(string name) => new(ResourceKind.Queue, name);

    public static ResourceRef LogGroup(string function) => new(ResourceKind.LogGroup, function);

    public static ResourceRef Bus(string name) => new(ResourceKind.EventBus, name);

    public static ResourceRef Parameter(string name) => new(ResourceKind.Parameter, name);

    public static ResourceRef Key(string name) => new(ResourceKind.Key, name);

    public static ResourceRef Rule(string name) => new(ResourceKind.EventRule, name);

    /// <summary>For <c>dynamodb:ListStreams</c> alone, which IAM cannot scope to a table.</summary>
    public static ResourceRef AccountStreams { get; } = new(ResourceKind.AccountStreams, "*");

    public override string ToString() => $"{Kind}:{Name}";
}

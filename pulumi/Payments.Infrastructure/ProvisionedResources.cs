using Payments.Aws.Topology;
using Pulumi;
using Pulumi.Aws.CloudWatch;
using Pulumi.Aws.DynamoDB;
using Pulumi.Aws.Kms;
using Pulumi.Aws.Sqs;
using Pulumi.Aws.Ssm;

namespace Payments.Infrastructure;

/// <summary>
/// What has been provisioned so far, by topology name, so that a <see cref="ResourceRef"/> in a policy, trigger or
/// environment variable resolves to the ARN or URL of the resource created for it and never to a hand-written one.
/// </summary>
public sealed class ProvisionedResources
{
    private readonly Dictionary<string, Table> _tables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue> _queues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LogGroup> _logGroups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EventBus> _buses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Parameter> _parameters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Key> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EventRule> _rules = new(StringComparer.Ordinal);

    public void Add(string name, Table table) => _tables.Add(name, table);

    public void Add(string name, Queue queue) => _queues.Add(name, queue);

    /// <summary>Log groups are keyed by the topology's function name, as <see cref="ResourceRef.LogGroup"/> names them.</summary>
    public void Add(string function, LogGroup logGroup) => _logGroups.Add(function, logGroup);

    public void Add(string name, EventBus bus) => _buses.Add(name, bus);

    public void Add(string name, Parameter parameter) => _parameters.Add(name, parameter);

    public void Add(string name, Key key) => _keys.Add(name, key);

    public void Add(string name, EventRule rule) => _rules.Add(name, rule);

    public bool HasQueue(string name) => _queues.ContainsKey(name);

    public IReadOnlyCollection<string> QueueNames => _queues.Keys;

    public Table FindTable(string name) => Find(_tables, name, "table");

    public Queue FindQueue(string name) => Find(_queues, name, "queue");

    public LogGroup FindLogGroup(string function) => Find(_logGroups, function, "log group");

    public EventBus FindBus(string name) => Find(_buses, name, "event bus");

    public Output<string> Arn(ResourceRef reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return reference.Kind switch
        {
            ResourceKind.Table => FindTable(reference.Name).Arn,
            ResourceKind.TableIndexes => FindTable(reference.Name).Arn.Apply(arn => arn + "/index/*"),
            ResourceKind.TableStream => FindTable(reference.Name).StreamArn,
            ResourceKind.Queue => FindQueue(reference.Name).Arn,
            // The provider strips the ":*" CloudWatch adds; log streams are what CreateLogStream and PutLogEvents act on.
            ResourceKind.LogGroup => FindLogGroup(reference.Name).Arn.Apply(arn => arn + ":*"),
            ResourceKind.EventBus => Find(_buses, reference.Name, "event bus").Arn,
            ResourceKind.AccountStreams => Output.Create("*"),
            ResourceKind.Parameter => Find(_parameters, reference.Name, "parameter").Arn,
            ResourceKind.Key => Find(_keys, reference.Name, "key").Arn,
            ResourceKind.EventRule => Find(_rules, reference.Name, "event rule").Arn,
            _ => throw new ArgumentOutOfRangeException(nameof(reference), reference, "No ARN mapping for this kind of resource."),
        };
    }

    public Output<string> QueueUrl(ResourceRef reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return reference.Kind == ResourceKind.Queue
            ? FindQueue(reference.Name).Url
            : throw new ArgumentException($"{reference} is not a queue; only queues have a URL.", nameof(reference));
    }

    /// <summary>One IAM policy document holding every statement, each resource resolved to its provisioned ARN.</summary>
    public Output<string> Policy(IEnumerable<PolicyStatement> statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        var resolved = statements
            .Select(statement => Output.All(statement.Resources.Select(Arn))
                .Apply(arns => (statement.Actions, Resources: (IReadOnlyList<string>)arns)))
            .ToList();
        return Output.All(resolved).Apply(granted => PolicyDocuments.Allow(granted));
    }

    private static T Find<T>(Dictionary<string, T> provisioned, string name, string kind) =>
        provisioned.TryGetValue(name, out var resource)
            ? resource
            : throw new InvalidOperationException($"The topology refers to {kind} '{name}', which it does not define.");
}

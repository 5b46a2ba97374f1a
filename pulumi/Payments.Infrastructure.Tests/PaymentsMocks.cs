using System.Collections.Immutable;
using Pulumi.Testing;

namespace Payments.Infrastructure.Tests;

/// <summary>
/// Stands in for the Pulumi engine and AWS: answers each registration with its inputs plus the ARNs, URLs and ids AWS
/// would compute, shaped like the real ones so the program's own suffixes (<c>/index/*</c>, <c>:*</c>) can be checked.
/// </summary>
public sealed class PaymentsMocks : IMocks
{
    public const string Region = "eu-west-1";
    public const string Account = "123456789012";

    private readonly Lock _gate = new();
    private readonly List<MockResource> _resources = [];

    public IReadOnlyList<MockResource> Resources
    {
        get
        {
            lock (_gate)
            {
                return [.. _resources];
            }
        }
    }

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var type = args.Type ?? throw new ArgumentException("A resource without a type token.", nameof(args));
        var logicalName = args.Name ?? throw new ArgumentException("A resource without a name.", nameof(args));
        var inputs = args.Inputs;
        var name = inputs.TryGetValue("name", out var named) && named is string text ? text : logicalName;
        var id = $"{logicalName}-id";

        var state = inputs.ToBuilder();
        foreach (var (key, value) in Computed(type, id, name, inputs))
        {
            state[key] = value;
        }

        var answer = state.ToImmutable();
        lock (_gate)
        {
            _resources.Add(new MockResource(type, logicalName, id, new PropertyBag(inputs), new PropertyBag(answer)));
        }

        return Task.FromResult<(string? id, object state)>((id, answer));
    }

    public Task<object> CallAsync(MockCallArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return Task.FromResult<object>(args.Args);
    }

    private static Dictionary<string, object> Computed(string type, string id, string name, ImmutableDictionary<string, object> inputs) => type switch
    {
        ResourceTypes.Table => new()
        {
            ["arn"] = $"arn:aws:dynamodb:{Region}:{Account}:table/{name}",
            ["streamArn"] = $"arn:aws:dynamodb:{Region}:{Account}:table/{name}/stream/2026-01-01T00:00:00.000",
        },
        ResourceTypes.Queue => new()
        {
            ["arn"] = $"arn:aws:sqs:{Region}:{Account}:{name}",
            ["url"] = $"https://sqs.{Region}.amazonaws.com/{Account}/{name}",
        },
        ResourceTypes.EventBus => new() { ["arn"] = $"arn:aws:events:{Region}:{Account}:event-bus/{name}" },
        ResourceTypes.EventRule => new() { ["arn"] = $"arn:aws:events:{Region}:{Account}:rule/{inputs["eventBusName"]}/{name}" },
        ResourceTypes.Key => new() { ["arn"] = $"arn:aws:kms:{Region}:{Account}:key/{id}", ["keyId"] = id },
        ResourceTypes.LogGroup => new() { ["arn"] = $"arn:aws:logs:{Region}:{Account}:log-group:{name}" },
        ResourceTypes.Role => new() { ["arn"] = $"arn:aws:iam::{Account}:role/{name}" },
        ResourceTypes.Function => new() { ["arn"] = FunctionArn(name), ["version"] = "1" },
        ResourceTypes.Alias => new() { ["arn"] = $"{FunctionArn((string)inputs["functionName"])}:{name}" },
        ResourceTypes.Api => new()
        {
            ["apiEndpoint"] = $"https://{id}.execute-api.{Region}.amazonaws.com",
            ["executionArn"] = $"arn:aws:execute-api:{Region}:{Account}:{id}",
        },
        _ => new() { ["arn"] = $"arn:aws:mock:{Region}:{Account}:{name}" },
    };

    private static string FunctionArn(string name) => $"arn:aws:lambda:{Region}:{Account}:function:{name}";
}

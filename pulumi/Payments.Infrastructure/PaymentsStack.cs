using System.Collections.Immutable;
using Payments.Aws.Topology;
using Pulumi;
using Pulumi.Aws.CloudWatch;

namespace Payments.Infrastructure;

/// <summary>
/// The whole cloud column for one environment: <see cref="CloudTopology"/> mapped onto resources in dependency order.
/// It takes the topology as an argument, so tests run it under Pulumi's mocks with any topology.
/// </summary>
public static class PaymentsStack
{
    public static IDictionary<string, object?> Provision(CloudTopology topology, string bundlePath)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentException.ThrowIfNullOrEmpty(bundlePath);

        var resources = new ProvisionedResources();
        foreach (var table in topology.Tables)
        {
            resources.Add(table.Name, Tables.Provision(table));
        }

        foreach (var queue in topology.Queues)
        {
            Queues.Provision(queue, resources);
        }

        foreach (var secret in topology.SecretParameters)
        {
            resources.Add(secret.Name, SecretParameters.Provision(secret));
        }

        foreach (var key in topology.Keys)
        {
            resources.Add(key.Name, EncryptionKeys.Provision(key));
        }

        resources.Add(topology.EventBus, new EventBus(topology.EventBus, new EventBusArgs { Name = topology.EventBus }));
        LedgerEventPipe.Provision(topology.Pipe, resources);
        foreach (var rule in topology.Rules)
        {
            resources.Add(rule.Name, EventRules.Provision(rule, resources));
        }

        foreach (var policy in topology.QueuePolicies)
        {
            QueuePolicies.Provision(policy, resources);
        }
        var functions = LambdaFunctions.Provision(topology, bundlePath, resources);
        var api = HttpApiGateway.Provision(topology, functions);
        Alarms.Provision(topology, api);

        var queueNames = resources.QueueNames.ToList();
        return new Dictionary<string, object?>
        {
            ["httpApiEndpoint"] = api.ApiEndpoint,
            ["tableNames"] = Output.All(topology.Tables.Select(table => resources.FindTable(table.Name).Name)),
            ["queueUrls"] = Output.All(queueNames.Select(name => resources.FindQueue(name).Url))
                .Apply(urls => queueNames.Zip(urls).ToImmutableDictionary(pair => pair.First, pair => pair.Second, StringComparer.Ordinal)),
        };
    }
}

using Payments.Aws.Topology;
using Pulumi;
using Pulumi.Testing;

namespace Payments.Infrastructure.Tests;

/// <summary>The program run once under the mocks for a topology: what it registered and the stack outputs it returned.</summary>
public sealed class ProvisionedStack
{
    private readonly PaymentsMocks _mocks;

    private ProvisionedStack(PaymentsMocks mocks, IDictionary<string, object?> outputs)
    {
        _mocks = mocks;
        Outputs = outputs;
    }

    public IDictionary<string, object?> Outputs { get; }

    public static async Task<ProvisionedStack> Of(CloudTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var mocks = new PaymentsMocks();

        // Not a preview: outputs must resolve, or policy documents built from ARNs would never reach the mocks.
        var options = new TestOptions { ProjectName = "payments", StackName = topology.Environment.Name, IsPreview = false };
        var (_, outputs) = await Deployment.TestAsync(mocks, options, () => PaymentsStack.Provision(topology, "lambda.zip"));
        return new ProvisionedStack(mocks, outputs);
    }

    public IReadOnlyList<MockResource> OfType(string type) => _mocks.Resources.Where(resource => resource.Type == type).ToList();
}

using Payments.Aws.Topology;
using Payments.Functions.Lambda.Runtime;

namespace Payments.Functions.Tests.Lambda.Runtime;

public sealed class TopologyFunctionsTests
{
    [Fact]
    public void Every_function_of_the_cloud_topology_is_a_function_the_executable_serves()
    {
        var deployed = CloudTopology.Define(CloudEnvironment.Prod).Functions.Select(f => f.Handler);

        Assert.All(deployed, name => Assert.Contains(name, LambdaFunctions.Names));
    }
}

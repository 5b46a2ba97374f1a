using Payments.Aws.Topology;
using Payments.Infrastructure;
using Pulumi;

return await Deployment.RunAsync(() =>
{
    var settings = StackSettings.Load();
    return PaymentsStack.Provision(CloudTopology.Define(settings.Environment), settings.BundlePath);
});

using System.Diagnostics;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Xunit;

namespace Payments.TestServices;

/// <summary>
/// moto's server (preinstalled on these machines) on a free 127.0.0.1 port: the emulator for the AWS services
/// DynamoDB Local and fauxqs do not cover (SSM Parameter Store, KMS; EventBridge for the webhook rules).
/// SDK retries are off against it, as DESIGN.md advises: a retried 500 would be a duplicate.
/// </summary>
public sealed class Moto : IAsyncLifetime
{
    private ServiceProcess? _process;

    public Uri ServiceUrl => new($"http://127.0.0.1:{_process?.Port ?? throw new InvalidOperationException("moto is not running")}");

    public async Task InitializeAsync()
    {
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo("python3");
        foreach (var argument in new[] { "-m", "moto.server", "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        _process = await ServiceProcess.Start(start, port, TimeSpan.FromSeconds(60));
    }

    public IAmazonSimpleSystemsManagement Ssm() => new AmazonSimpleSystemsManagementClient(
        new BasicAWSCredentials(DynamoDbLocal.AccessKey, DynamoDbLocal.SecretKey),
        new AmazonSimpleSystemsManagementConfig { ServiceURL = ServiceUrl.ToString(), AuthenticationRegion = DynamoDbLocal.Region, MaxErrorRetry = 0 });

    public IAmazonKeyManagementService Kms() => new AmazonKeyManagementServiceClient(
        new BasicAWSCredentials(DynamoDbLocal.AccessKey, DynamoDbLocal.SecretKey),
        new AmazonKeyManagementServiceConfig { ServiceURL = ServiceUrl.ToString(), AuthenticationRegion = DynamoDbLocal.Region, MaxErrorRetry = 0 });

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}

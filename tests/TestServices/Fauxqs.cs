using System.Diagnostics;
using Amazon.Runtime;
using Amazon.SQS;
using Xunit;

namespace Payments.TestServices;

/// <summary>
/// The fauxqs SQS emulator (pinned in package.json) on a free 127.0.0.1 port for the test run. Started through
/// fauxqs-loopback.mjs because fauxqs's own CLI listens on every interface.
/// </summary>
public sealed class Fauxqs : IAsyncLifetime
{
    private ServiceProcess? _process;

    public int Port => _process?.Port ?? throw new InvalidOperationException("fauxqs is not running");

    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    public async Task InitializeAsync()
    {
        RepositoryRoot.NodeModules("fauxqs");
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo("node") { WorkingDirectory = RepositoryRoot.Find() };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot.Find(), "tests", "TestServices", "fauxqs-loopback.mjs"));
        start.Environment["FAUXQS_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _process = await ServiceProcess.Start(start, port, TimeSpan.FromSeconds(30));
    }

    public IAmazonSQS Client() => new AmazonSQSClient(
        new BasicAWSCredentials("test", "test"),
        new AmazonSQSConfig { ServiceURL = ServiceUrl, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}

using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace Payments.TestServices;

/// <summary>
/// DynamoDB Local (the jar inside the pinned npm package amplify-dynamodb-simulator) run in memory
/// on a free loopback port for one test class or collection, and killed when it is disposed.
/// </summary>
public sealed class DynamoDbLocal : IAsyncDisposable
{
    public const string AccessKey = "local";
    public const string SecretKey = "local";
    public const string Region = "us-east-1";

    /// <summary>
    /// What a Lambda execution environment provides, for functions run in this test process: they read credentials
    /// and region the SDK's default way, and the emulators accept these.
    /// </summary>
    public static void ExportCredentialsToThisProcess()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", AccessKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", SecretKey);
        Environment.SetEnvironmentVariable("AWS_REGION", Region);
    }

    private readonly ServiceProcess _process;

    private DynamoDbLocal(ServiceProcess process) => _process = process;

    public Uri ServiceUrl => new($"http://127.0.0.1:{_process.Port}");

    public static async Task<DynamoDbLocal> Start()
    {
        var emulator = Path.Combine(RepositoryRoot.NodeModules("amplify-dynamodb-simulator"), "emulator");
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo("java") { WorkingDirectory = emulator };
        foreach (var argument in new[]
                 {
                     $"-Djava.library.path={Path.Combine(emulator, "DynamoDBLocal_lib")}", "-Xmx512m", "-jar", Path.Combine(emulator, "DynamoDBLocal.jar"),
                     "-inMemory", "-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-disableTelemetry",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        return new DynamoDbLocal(await ServiceProcess.Start(start, port, TimeSpan.FromSeconds(60)));
    }

    /// <summary>A client for this instance; DynamoDB Local keeps one database per access key and region, so all clients share both.</summary>
    public AmazonDynamoDBClient CreateClient() => CreateClient(ServiceUrl);

    public static AmazonDynamoDBClient CreateClient(Uri serviceUrl) => new(
        new BasicAWSCredentials(AccessKey, SecretKey),
        new AmazonDynamoDBConfig { ServiceURL = serviceUrl.ToString(), AuthenticationRegion = Region, MaxErrorRetry = 2 });

    /// <summary>A prefix that keeps one fixture's tables apart from every other's on the shared instance.</summary>
    public static string UniquePrefix() => "t" + Guid.NewGuid().ToString("N")[..12] + "_";

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}

using System.CommandLine;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Payments.Aws.EventStore;

namespace Payments.Bench;

/// <summary>
/// Which stores a benchmark measures. DynamoDB is only ever an endpoint the caller started
/// (DynamoDB Local by hand); the bench creates fresh tables there under a unique prefix.
/// </summary>
internal sealed record BenchBackends(bool Sqlite, Uri? DynamoDbUrl)
{
    public static Option<string> BackendOption() => new("--backend")
    {
        Description = "sqlite, dynamodb or both (dynamodb needs --dynamodb-url)",
        DefaultValueFactory = _ => "sqlite",
    };

    public static Option<string?> UrlOption() => new("--dynamodb-url")
    {
        Description = "Endpoint of a running DynamoDB (e.g. DynamoDB Local at http://127.0.0.1:8000)",
    };

    public static BenchBackends From(string backend, string? endpoint) => From(backend, endpoint is null ? null : new Uri(endpoint, UriKind.Absolute));

    private static BenchBackends From(string backend, Uri? url) => backend switch
    {
        "sqlite" => new BenchBackends(true, null),
        "dynamodb" or "both" when url is null => throw new ArgumentException("--dynamodb-url is required for the dynamodb backend."),
        "dynamodb" => new BenchBackends(false, url),
        "both" => new BenchBackends(true, url),
        _ => throw new ArgumentException($"Unknown backend '{backend}': use sqlite, dynamodb or both."),
    };

    /// <summary>A client for a local endpoint: DynamoDB Local accepts any credentials, keyed by access key and region.</summary>
    public static AmazonDynamoDBClient Client(Uri url) => new(
        new BasicAWSCredentials("local", "local"),
        new AmazonDynamoDBConfig { ServiceURL = url.ToString(), AuthenticationRegion = "us-east-1" });

    public static DynamoDbEventStoreTables FreshTables() => DynamoDbEventStoreTables.WithPrefix("bench" + Guid.NewGuid().ToString("N")[..8] + "_");
}

using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Payments.Aws.EventStore;
using Payments.Aws.HttpApi;
using Payments.Aws.Projections;
using Payments.Functions.Api.Auth;
using Payments.Functions.Lambda.Runtime;
using Payments.TestServices;

namespace Payments.Functions.Tests.Lambda.Http;

/// <summary>The <c>api</c> function: HTTP API payload 2.0 events through the same minimal API, over DynamoDB Local.</summary>
public sealed class ApiLambdaTests(DynamoDbLocalFixture dynamo) : IClassFixture<DynamoDbLocalFixture>, IAsyncLifetime
{
    private const string Key = "key_lambda_0123456789";
    private readonly string _prefix = DynamoDbLocal.UniquePrefix();
    private Func<string, CancellationToken, Task<string>> _api = null!;

    public async Task InitializeAsync()
    {
        DynamoDbLocal.ExportCredentialsToThisProcess();
        await DynamoDbEventStoreSchema.EnsureCreated(dynamo.Client, DynamoDbEventStoreTables.WithPrefix(_prefix), CancellationToken.None);
        await DynamoDbPaymentsSchema.EnsureCreated(dynamo.Client, _prefix + DynamoDbPaymentsSchema.DefaultTableName, CancellationToken.None);
        var settings = new CloudOptions
        {
            TablePrefix = _prefix,
            ReadModelTable = _prefix + DynamoDbPaymentsSchema.DefaultTableName,
            DynamoDbEndpoint = dynamo.Local.ServiceUrl,
            ApiKeyHashes = "client_l:" + Convert.ToHexStringLower(ApiKeyRing.Hash(Key)),
        };
        _api = await LambdaFunctions.Create(LambdaFunctions.Api, settings, NullLoggerFactory.Instance, CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Post_through_the_api_function_is_accepted_durably_and_reads_back()
    {
        var key = "lambda-" + Guid.NewGuid().ToString("N");

        var created = await Invoke("POST", "/payments", Body, ("Idempotency-Key", key), ("Content-Type", "application/json"));
        var location = created.Headers["Location"];
        var fetched = await Invoke("GET", location, null);
        var replay = await Invoke("POST", "/payments", Body, ("Idempotency-Key", key), ("Content-Type", "application/json"));

        Assert.Equal(((int)HttpStatusCode.Accepted, false), (created.StatusCode, created.IsBase64Encoded));
        Assert.Equal((int)HttpStatusCode.OK, fetched.StatusCode);
        using var payment = JsonDocument.Parse(fetched.Body);
        Assert.Equal(("PENDING", "125.50"), (payment.RootElement.GetProperty("status").GetString(), payment.RootElement.GetProperty("amount").GetString()));
        Assert.Equal((int)HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Equal("true", replay.Headers["Idempotent-Replayed"]);
    }

    [Fact]
    public async Task Missing_key_is_a_401_problem_with_the_bearer_challenge()
    {
        var response = await Invoke("GET", "/payments", null, authorize: false);

        Assert.Equal((int)HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("Bearer", response.Headers["WWW-Authenticate"]);
    }

    [Fact]
    public async Task Malformed_body_is_a_400_problem_and_writes_nothing()
    {
        var response = await Invoke("POST", "/payments", """{"amount":"1.001","currency":"EUR"}""", ("Idempotency-Key", "bad-" + Guid.NewGuid().ToString("N")), ("Content-Type", "application/json"));

        Assert.Equal((int)HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(response.Body);
        Assert.NotEmpty(problem.RootElement.GetProperty("errors").EnumerateArray());
    }

    private const string Body = """{"amount":"125.50","currency":"EUR","source_account":"DE89370400440532013000","destination_account":"MX-CLABE-032180000118359719"}""";

    private Task<HttpApiResponse> Invoke(string method, string path, string? body, params (string Name, string Value)[] headers) =>
        Invoke(method, path, body, authorize: true, headers);

    private async Task<HttpApiResponse> Invoke(string method, string path, string? body, bool authorize, params (string Name, string Value)[] headers)
    {
        var all = headers.ToDictionary(h => h.Name.ToLowerInvariant(), h => h.Value);
        if (authorize)
        {
            all["authorization"] = "Bearer " + Key;
        }

        var json = await _api(HttpApiEvents.Json(method, path, all, body), CancellationToken.None);
        return JsonSerializer.Deserialize(json, HttpApiJsonContext.Default.HttpApiResponse)!;
    }
}

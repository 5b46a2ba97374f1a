using System.Diagnostics;
using System.Text.Json;
using Payments.Aws.Topology;
using Payments.Functions.Api.Auth;
using Payments.TestServices;

namespace Payments.Functions.Tests.Lambda.Runtime;

/// <summary>
/// Every function of the topology as the real process a custom runtime starts (<c>payments lambda NAME</c>), against a
/// Runtime API on loopback: it initialises from its environment, takes one AWS-shaped event and answers in AWS's shape.
/// </summary>
public sealed class EveryFunctionProcessTests
{
    private const string NoRecords = """{"Records":[]}""";

    [Theory]
    [InlineData(CloudTopology.Worker)]
    [InlineData(CloudTopology.Projector)]
    [InlineData(CloudTopology.JobEnqueuer)]
    public async Task Batch_function_answers_an_empty_batch_with_no_failures(string function)
    {
        var outcome = await InvokeOnce(function, NoRecords);

        using var response = JsonDocument.Parse(outcome.Response!);
        Assert.Empty(response.RootElement.GetProperty("batchItemFailures").EnumerateArray());
    }

    [Fact]
    public async Task Api_function_answers_an_http_api_event_in_payload_2_0()
    {
        var outcome = await InvokeOnce(CloudTopology.Api, """{"version":"2.0","rawPath":"/health","rawQueryString":"","headers":{},"requestContext":{"requestId":"r-1","http":{"method":"GET","path":"/health","protocol":"HTTP/1.1","sourceIp":"127.0.0.1"}},"isBase64Encoded":false}""");

        using var response = JsonDocument.Parse(outcome.Response!);
        Assert.Equal(200, response.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Contains("\"ok\"", response.RootElement.GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    private static async Task<LambdaOutcome> InvokeOnce(string function, string eventJson)
    {
        await using var runtime = await FakeLambdaRuntime.Start();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "payments.dll"));
        start.ArgumentList.Add("lambda");
        start.ArgumentList.Add(function);
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = runtime.Address;
        start.Environment["AWS_ACCESS_KEY_ID"] = DynamoDbLocal.AccessKey;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = DynamoDbLocal.SecretKey;
        start.Environment["AWS_REGION"] = DynamoDbLocal.Region;
        // Nothing listens here: an empty batch or /health must not need the tables or the queue.
        start.Environment["PAYMENTS_DYNAMODB_URL"] = "http://127.0.0.1:9";
        start.Environment["PAYMENTS_SQS_URL"] = "http://127.0.0.1:9";
        start.Environment["PAYMENTS_QUEUE_URL"] = "http://127.0.0.1:9/000000000000/jobs";
        start.Environment["PAYMENTS_API_KEY_HASHES"] = "client_p:" + Convert.ToHexStringLower(ApiKeyRing.Hash("key_process_0123456789"));
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start payments lambda");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var outcome = await runtime.Invoke(eventJson);
            Assert.True(outcome.Response is not null, outcome.Error);
            return outcome;
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}

using System.Diagnostics;
using System.Text.Json;
using Payments.Application.Jobs;
using Payments.Aws.Projections;
using Payments.Aws.Sqs;
using Payments.Aws.Topology;
using Payments.Domain.State;
using Payments.Projections.ReadModel;
using Payments.Functions.Api.Auth;
using Payments.TestServices;

namespace Payments.Functions.Tests.Lambda.Runtime;

/// <summary>
/// Every function of the topology as the real process a custom runtime starts (<c>payments lambda NAME</c>), against a
/// Runtime API on loopback: it initialises from its environment, takes one AWS-shaped event and answers in AWS's shape.
/// </summary>
public sealed class EveryFunctionProcessTests(DynamoDbLocalFixture dynamo, Fauxqs fauxqs) : IClassFixture<DynamoDbLocalFixture>, IClassFixture<Fauxqs>
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

    [Fact]
    public async Task Sweeper_function_requeues_the_stalled_payment_it_finds_in_the_table_and_answers_the_count()
    {
        var table = DynamoDbLocal.UniquePrefix() + DynamoDbPaymentsSchema.DefaultTableName;
        await DynamoDbPaymentsSchema.EnsureCreated(dynamo.Client, table, CancellationToken.None);
        var model = new DynamoDbPaymentReadModel(dynamo.Client, table);
        var stalled = await Save(model, PaymentStatus.Processing, DateTimeOffset.UtcNow.AddHours(-1));
        // Idle, but not for as long as the function's configured stall-after (longer than the sweeper's own default).
        await Save(model, PaymentStatus.Processing, DateTimeOffset.UtcNow.AddMinutes(-20));
        await Save(model, PaymentStatus.Completed, DateTimeOffset.UtcNow.AddHours(-2));
        using var sqs = fauxqs.Client();
        var queues = await SqsPaymentQueues.Ensure(
            sqs, "sweeper-" + Guid.NewGuid().ToString("N")[..12], new(StringComparer.Ordinal) { ["ReceiveMessageWaitTimeSeconds"] = "0" }, CancellationToken.None);

        // The scheduler's event: EventBridge Scheduler sends the target's input, by default an empty object.
        var outcome = await InvokeOnce(CloudTopology.Sweeper, "{}", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PAYMENTS_DYNAMODB_URL"] = dynamo.Local.ServiceUrl.ToString(),
            ["PAYMENTS_SQS_URL"] = fauxqs.ServiceUrl,
            ["PAYMENTS_READ_MODEL_TABLE"] = table,
            ["PAYMENTS_QUEUE_URL"] = queues.QueueUrl,
            ["PAYMENTS_SWEEPER_STALL_AFTER"] = "00:30:00",
        });

        using var response = JsonDocument.Parse(outcome.Response!);
        Assert.Equal(1, response.RootElement.GetProperty("requeued").GetInt32());
        var queue = new SqsPaymentJobQueue(sqs, queues.QueueUrl);
        var job = await queue.Receive(TimeSpan.Zero, CancellationToken.None);
        Assert.Equal(stalled, PaymentJob.TryParse(job!.Body, out _)!.PaymentId);
        Assert.Null(await queue.Receive(TimeSpan.Zero, CancellationToken.None));
    }

    private static async Task<Guid> Save(DynamoDbPaymentReadModel model, PaymentStatus status, DateTimeOffset updatedAt)
    {
        var id = Guid.NewGuid();
        var row = new PaymentRecord(
            id, "client-a", "key-" + id.ToString("N"), 100.00m, "EUR", "DE89370400440532013000", "MX-CLABE-032180000118359719", status,
            null, null, null, null, null, updatedAt.AddSeconds(-1), updatedAt, status is PaymentStatus.Completed ? updatedAt : null, 2);
        Assert.True(await model.Save(row, 0, CancellationToken.None));
        return id;
    }

    private static async Task<LambdaOutcome> InvokeOnce(string function, string eventJson, IReadOnlyDictionary<string, string>? environment = null)
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
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

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

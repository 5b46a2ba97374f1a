using System.Diagnostics;
using System.Text.Json;
using Payments.Domain.Decisions;
using Payments.Domain.Requests;
using Payments.EventStore.Contract;
using Payments.Application.Ledger;
using Payments.Aws.Projections;
using Payments.Projections.ReadModel;
using Payments.TestServices;

namespace Payments.Functions.Tests.Lambda.Runtime;

/// <summary>
/// The real `payments lambda projector` process, as a custom runtime would start it, against a fake
/// Runtime API on loopback and DynamoDB Local: a batch of real stream records goes in, the payments
/// table comes out equal to the fold.
/// </summary>
public sealed class LambdaProcessTests(StreamsEndToEndFixture fixture) : IClassFixture<StreamsEndToEndFixture>
{
    [Fact]
    public async Task Projector_lambda_process_projects_a_real_stream_batch_to_the_fold()
    {
        var ledger = new PaymentLedger(fixture.Store, TimeProvider.System);
        var metadata = new EventMetadata("lambda-test", null, "test");
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            PaymentRequestValidator.Validate(new PaymentRequest(50m + i, "BRL", "BR-SRC-" + i, "BR-DST-" + i), out var request);
            var id = ((RequestOutcome.Accepted)await ledger.Request("client_a", IdempotencyKey.Parse("lambda-" + Guid.NewGuid()), request!, metadata, CancellationToken.None)).Payment.PaymentId;
            await ledger.Execute(id, new PaymentCommand.StartProcessing(), metadata, CancellationToken.None);
            ids.Add(id);
        }

        using var reader = new DynamoDbStreamsReader(fixture.Local.ServiceUrl);
        var mine = ids.Select(id => id.ToString("D")).ToHashSet();
        var records = (await reader.ReadAll(fixture.StreamArn)).Where(r => mine.Contains(r.Dynamodb!.Keys!["payment_id"].S!)).ToList();
        var readModelTable = DynamoDbLocal.UniquePrefix() + DynamoDbPaymentsSchema.DefaultTableName;
        await DynamoDbPaymentsSchema.EnsureCreated(fixture.Client, readModelTable, CancellationToken.None);
        await using var runtime = await FakeLambdaRuntime.Start();

        using var lambda = StartLambda(runtime.Address, readModelTable);
        try
        {
            var outcome = await runtime.Invoke(LambdaStreamsEvents.Json(records));

            Assert.NotNull(outcome.Response);
            using var response = JsonDocument.Parse(outcome.Response);
            Assert.Empty(response.RootElement.GetProperty("batchItemFailures").EnumerateArray());
            var model = new DynamoDbPaymentReadModel(fixture.Client, readModelTable);
            foreach (var id in ids)
            {
                Assert.Equal(PaymentRecord.From(await ledger.Load(id, CancellationToken.None)), await model.Find(id, CancellationToken.None));
            }
        }
        finally
        {
            lambda.Kill(entireProcessTree: true);
            await lambda.WaitForExitAsync();
        }
    }

    private Process StartLambda(string runtimeApi, string readModelTable)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "payments.dll"));
        start.ArgumentList.Add("lambda");
        start.ArgumentList.Add("projector");
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = runtimeApi;
        start.Environment["AWS_ACCESS_KEY_ID"] = DynamoDbLocal.AccessKey;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = DynamoDbLocal.SecretKey;
        start.Environment["AWS_REGION"] = DynamoDbLocal.Region;
        start.Environment["PAYMENTS_DYNAMODB_URL"] = fixture.Local.ServiceUrl.ToString();
        start.Environment["PAYMENTS_TABLE_PREFIX"] = fixture.Prefix;
        start.Environment["PAYMENTS_READ_MODEL_TABLE"] = readModelTable;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start payments lambda");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}

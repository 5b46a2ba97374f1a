using Microsoft.Extensions.Logging.Abstractions;
using Payments.Domain.Decisions;
using Payments.Domain.State;
using Payments.EventStore.Contract;
using Payments.Application.Jobs;
using Payments.Aws.Sqs;
using Payments.TestServices;
using static Payments.TestServices.ScriptedRamps;

namespace Payments.Aws.Tests.Sqs;

public sealed class PaymentJobLambdaHandlerTests
{
    [Fact]
    public async Task Lambda_event_in_the_AWS_shape_processes_the_payment_and_reports_no_failures()
    {
        await using var worker = WorkerHarness.Create();
        var id = await worker.Fixture.RequestPayment();
        var lambda = Lambda(worker);

        var response = await worker.Fixture.Time.Pump(lambda.Handle(Event(("059f36b4-87a3-44ab-83d2-661975830a7d", new PaymentJob(id).ToJson(), 1)), CancellationToken.None));

        Assert.Equal("""{"batchItemFailures":[]}""", response);
        Assert.Equal(PaymentStatus.Completed, (await worker.Fixture.Load(id)).Status);
    }

    [Fact]
    public async Task Only_the_record_that_must_be_retried_is_reported_as_a_batch_item_failure()
    {
        await using var worker = WorkerHarness.Create();
        var id = await worker.Fixture.RequestPayment();
        var lambda = Lambda(worker);

        var response = await worker.Fixture.Time.Pump(lambda.Handle(
            Event(("good-1", new PaymentJob(id).ToJson(), 1), ("bad-2", "{not json", 1)), CancellationToken.None));

        Assert.Equal("""{"batchItemFailures":[{"itemIdentifier":"bad-2"}]}""", response);
    }

    [Fact]
    public async Task Receive_count_from_the_record_attributes_makes_the_third_receive_give_up_on_the_payout_and_reverse()
    {
        await using var worker = WorkerHarness.Create();
        worker.Ramps.OffRamp(Unavailable(), Unavailable(), Unavailable());
        var id = await worker.Fixture.RequestPayment();
        await worker.Fixture.Ledger.Execute(id, new PaymentCommand.StartProcessing(), new EventMetadata("t", null, "t"), CancellationToken.None);
        var lambda = Lambda(worker);

        var response = await worker.Fixture.Time.Pump(lambda.Handle(Event(("m-3", new PaymentJob(id).ToJson(), 3)), CancellationToken.None));

        Assert.Equal("""{"batchItemFailures":[]}""", response);
        var payment = await worker.Fixture.Load(id);
        Assert.Equal(PaymentStatus.Failed, payment.Status);
        Assert.NotNull(payment.ReversalTxId);
        Assert.Contains("off-ramp unavailable after 3 calls", payment.OffRampFailure ?? "", StringComparison.Ordinal);
    }

    private static PaymentJobLambdaHandler Lambda(WorkerHarness worker) =>
        new(worker.Handler, null, NullLogger<PaymentJobLambdaHandler>.Instance);

    /// <summary>An SQS event exactly as Lambda delivers it (shape from the AWS documentation's example).</summary>
    private static string Event(params (string MessageId, string Body, int ReceiveCount)[] records) =>
        "{\"Records\":[" + string.Join(",", records.Select(r => $$"""
            {
              "messageId": "{{r.MessageId}}",
              "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a-{{r.MessageId}}",
              "body": {{System.Text.Json.JsonSerializer.Serialize(r.Body, TestJsonContext.Default.String)}},
              "attributes": {
                "ApproximateReceiveCount": "{{r.ReceiveCount}}",
                "SentTimestamp": "1545082649183",
                "SenderId": "AIDAIENQZJOLO23YVJ4VO",
                "ApproximateFirstReceiveTimestamp": "1545082649185"
              },
              "messageAttributes": {
                "req-id": { "dataType": "String", "stringValue": "24479a02-58bb-4a32-92a5-49a8bc630acb" }
              },
              "md5OfBody": "e4e68fb7bd0e697a0ae8f1bb342846b3",
              "eventSource": "aws:sqs",
              "eventSourceARN": "arn:aws:sqs:us-east-2:123456789012:payments",
              "awsRegion": "us-east-2"
            }
            """)) + "]}";
}

using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Payments.Application.Webhooks.Queue;
using Payments.Aws.Tests.Sqs;
using Payments.Aws.Webhooks;

namespace Payments.Aws.Tests.Webhooks;

/// <summary>The webhook Lambda fed SQS events in AWS's shape, with a scripted handler and a recording queue.</summary>
public sealed class WebhookLambdaHandlerTests
{
    private static readonly WebhookDisposition Retry = new WebhookDisposition.Retry(TimeSpan.FromSeconds(5), "HTTP 500");
    private static readonly WebhookDisposition Done = new WebhookDisposition.Done("HTTP 200");

    [Fact]
    public async Task Batch_of_ten_with_three_failing_receivers_reports_exactly_those_three()
    {
        var failing = new[] { 2, 5, 9 };
        var script = Enumerable.Range(0, 10).ToDictionary(i => Body(i), i => failing.Contains(i) ? Retry : Done);
        var queue = new RecordingWebhookQueue();

        var response = await Lambda(script, queue).Handle(Event(Enumerable.Range(0, 10).Select(i => ($"m-{i}", Body(i), 1)).ToArray()), CancellationToken.None);

        Assert.Equal(failing.Select(i => $"m-{i}"), Failures(response));
        Assert.Equal(failing.Select(i => ("retry", $"m-{i}", (TimeSpan?)TimeSpan.FromSeconds(5))), queue.Calls);
    }

    [Fact]
    public async Task Deferred_dead_lettered_and_done_records_are_not_reported_and_a_throwing_one_is()
    {
        var script = new Dictionary<string, WebhookDisposition>(StringComparer.Ordinal)
        {
            ["done"] = Done,
            ["throttled"] = new WebhookDisposition.Defer(TimeSpan.FromMilliseconds(1500), "endpoint throttle"),
            ["exhausted"] = new WebhookDisposition.DeadLetter("5 attempts failed"),
            ["failing"] = Retry,
        };
        var queue = new RecordingWebhookQueue();

        var response = await Lambda(script, queue).Handle(
            Event(("m-done", "done", 1), ("m-defer", "throttled", 1), ("m-dead", "exhausted", 5), ("m-crash", "unscripted", 1), ("m-retry", "failing", 2)),
            CancellationToken.None);

        Assert.Equal(["m-crash", "m-retry"], Failures(response));
        Assert.Equal(
            [("defer", "m-defer", TimeSpan.FromMilliseconds(1500)), ("dead-letter", "m-dead", null), ("retry", "m-retry", TimeSpan.FromSeconds(5))],
            queue.Calls);
    }

    [Fact]
    public async Task A_disposition_the_queue_cannot_carry_out_is_reported_so_the_message_is_kept()
    {
        var script = new Dictionary<string, WebhookDisposition>(StringComparer.Ordinal)
        {
            ["exhausted"] = new WebhookDisposition.DeadLetter("5 attempts failed"),
            ["throttled"] = new WebhookDisposition.Defer(TimeSpan.FromSeconds(1), "endpoint throttle"),
        };
        var queue = new RecordingWebhookQueue { Unreachable = { "m-dead", "m-defer" } };

        var response = await Lambda(script, queue).Handle(Event(("m-dead", "exhausted", 5), ("m-defer", "throttled", 1)), CancellationToken.None);

        Assert.Equal(["m-dead", "m-defer"], Failures(response));
    }

    [Fact]
    public async Task Handler_sees_each_records_body_receipt_handle_and_receive_count()
    {
        var handler = new ScriptedWebhookHandler(new Dictionary<string, WebhookDisposition>(StringComparer.Ordinal) { ["{\"delivery_id\":\"dlv_1\"}"] = Done });
        var lambda = new WebhookLambdaHandler(handler, new RecordingWebhookQueue(), NullLogger<WebhookLambdaHandler>.Instance);

        var response = await lambda.Handle(Event(("m-1", "{\"delivery_id\":\"dlv_1\"}", 4)), CancellationToken.None);

        Assert.Equal("""{"batchItemFailures":[]}""", response);
        var seen = Assert.Single(handler.Seen);
        Assert.Equal(("m-1", "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a-m-1", "{\"delivery_id\":\"dlv_1\"}", 4), (seen.MessageId, seen.ReceiptHandle, seen.Body, seen.ReceiveCount));
    }

    private static WebhookLambdaHandler Lambda(IReadOnlyDictionary<string, WebhookDisposition> script, RecordingWebhookQueue queue) =>
        new(new ScriptedWebhookHandler(script), queue, NullLogger<WebhookLambdaHandler>.Instance);

    private static string Body(int i) => $"{{\"delivery_id\":\"dlv_{i}\"}}";

    private static List<string> Failures(string response)
    {
        using var json = JsonDocument.Parse(response);
        return [.. json.RootElement.GetProperty("batchItemFailures").EnumerateArray().Select(f => f.GetProperty("itemIdentifier").GetString()!)];
    }

    /// <summary>An SQS event exactly as Lambda delivers it (shape from the AWS documentation's example).</summary>
    private static string Event(params (string MessageId, string Body, int ReceiveCount)[] records) =>
        "{\"Records\":[" + string.Join(",", records.Select(r => $$"""
            {
              "messageId": "{{r.MessageId}}",
              "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a-{{r.MessageId}}",
              "body": {{JsonSerializer.Serialize(r.Body, TestJsonContext.Default.String)}},
              "attributes": {
                "ApproximateReceiveCount": "{{r.ReceiveCount}}",
                "SentTimestamp": "1545082649183",
                "SenderId": "AIDAIENQZJOLO23YVJ4VO",
                "ApproximateFirstReceiveTimestamp": "1545082649185"
              },
              "messageAttributes": {},
              "md5OfBody": "e4e68fb7bd0e697a0ae8f1bb342846b3",
              "eventSource": "aws:sqs",
              "eventSourceARN": "arn:aws:sqs:us-east-2:123456789012:payments-prod-webhooks",
              "awsRegion": "us-east-2"
            }
            """)) + "]}";
}

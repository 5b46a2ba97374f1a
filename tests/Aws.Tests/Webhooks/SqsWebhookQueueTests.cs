using System.Diagnostics;
using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using Payments.Application.Jobs;
using Payments.Application.Webhooks.Queue;
using Payments.Aws.Webhooks;
using Payments.TestServices;

namespace Payments.Aws.Tests.Webhooks;

/// <summary>The webhook queue adapter against fauxqs on loopback, on queues created from the topology's definition.</summary>
public sealed class SqsWebhookQueueTests(Fauxqs fauxqs) : IClassFixture<Fauxqs>
{
    [Fact]
    public async Task Queue_is_created_with_the_webhook_figures_and_redrives_to_its_dead_letter_queue_after_five_receives()
    {
        using var sqs = fauxqs.Client();
        var queues = await SqsWebhookQueues.Ensure(sqs, UniqueName(), null, CancellationToken.None);

        var attributes = await Attributes(sqs, queues.QueueUrl);
        var dlqArn = (await Attributes(sqs, queues.DeadLetterQueueUrl))["QueueArn"];

        Assert.Equal(WebhookQueueSpec.VisibilityTimeoutSeconds.ToString(CultureInfo.InvariantCulture), attributes["VisibilityTimeout"]);
        Assert.Equal(WebhookQueueSpec.MessageRetentionSeconds.ToString(CultureInfo.InvariantCulture), attributes["MessageRetentionPeriod"]);
        Assert.Contains(dlqArn, attributes["RedrivePolicy"], StringComparison.Ordinal);
        Assert.Contains($"\"maxReceiveCount\":{WebhookQueueSpec.MaxReceiveCount}", attributes["RedrivePolicy"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Twenty_three_bodies_go_out_in_batches_and_come_back_ten_at_most_per_receive()
    {
        using var sqs = fauxqs.Client();
        var queues = await Queues(sqs);
        var queue = new SqsWebhookQueue(sqs, queues);
        var bodies = Enumerable.Range(0, 23).Select(i => $"{{\"delivery_id\":\"dlv_{i}\"}}").ToList();

        await queue.Send(bodies, TimeSpan.Zero, CancellationToken.None);
        var received = new List<JobReceipt>();
        while (received.Count < bodies.Count)
        {
            var batch = await queue.Receive(10, TimeSpan.FromSeconds(1), CancellationToken.None);
            Assert.NotEmpty(batch);
            Assert.InRange(batch.Count, 1, 10);
            received.AddRange(batch);
        }

        Assert.Equal(bodies.Order(StringComparer.Ordinal), received.Select(r => r.Body).Order(StringComparer.Ordinal));
        Assert.All(received, r => Assert.Equal(1, r.ReceiveCount));
        foreach (var receipt in received)
        {
            await queue.Complete(receipt, CancellationToken.None);
        }

        Assert.Equal((0, 0), await Depth(sqs, queues));
    }

    [Fact]
    public async Task Sent_with_a_delay_the_bodies_stay_hidden_until_it_passes()
    {
        using var sqs = fauxqs.Client();
        var queues = await Queues(sqs);
        var queue = new SqsWebhookQueue(sqs, queues);

        await queue.Send(["late"], TimeSpan.FromSeconds(2), CancellationToken.None);
        var clock = Stopwatch.StartNew();

        Assert.Empty(await queue.Receive(10, TimeSpan.Zero, CancellationToken.None));
        var receipt = await ReceiveEventually(queue);
        Assert.Equal("late", receipt.Body);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.5), $"came back after {clock.Elapsed}");
    }

    [Fact]
    public async Task Entries_refused_once_are_sent_again_and_arrive_once()
    {
        using var sqs = new RefusingSqsClient(fauxqs.ServiceUrl, new HashSet<string>(StringComparer.Ordinal) { "b2", "b7" }, times: 1);
        var queues = await Queues(sqs);
        var queue = new SqsWebhookQueue(sqs, queues);
        var bodies = Enumerable.Range(0, 12).Select(i => "b" + i).ToList();

        await queue.Send(bodies, TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(3, sqs.Batches);
        Assert.Equal(bodies.Order(StringComparer.Ordinal), (await Drain(queue)).Select(r => r.Body).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Entries_refused_twice_fail_the_send_naming_the_reason()
    {
        using var sqs = new RefusingSqsClient(fauxqs.ServiceUrl, new HashSet<string>(StringComparer.Ordinal) { "b1" }, times: 2);
        var queues = await Queues(sqs);
        var queue = new SqsWebhookQueue(sqs, queues);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => queue.Send(["b0", "b1", "b2"], TimeSpan.Zero, CancellationToken.None));

        Assert.Contains("InternalError", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_hides_the_message_for_the_delay_and_it_comes_back_with_the_next_receive_count()
    {
        using var sqs = fauxqs.Client();
        var queues = await Queues(sqs);
        var queue = new SqsWebhookQueue(sqs, queues);
        await queue.Send(["again"], TimeSpan.Zero, CancellationToken.None);
        var first = await ReceiveEventually(queue);

        await queue.Retry(first, TimeSpan.FromSeconds(2), CancellationToken.None);
        var clock = Stopwatch.StartNew();

        Assert.Empty(await queue.Receive(10, TimeSpan.Zero, CancellationToken.None));
        var second = await ReceiveEventually(queue);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.5), $"came back after {clock.Elapsed}");
        Assert.Equal((first.MessageId, 2), (second.MessageId, second.ReceiveCount));
    }

    [Fact]
    public async Task Defer_leaves_a_fresh_copy_with_receive_count_one_and_deletes_the_original()
    {
        using var sqs = fauxqs.Client();
        var queues = await Queues(sqs);
        var queue = new SqsWebhookQueue(sqs, queues);
        await queue.Send(["throttled"], TimeSpan.Zero, CancellationToken.None);
        await queue.Retry(await ReceiveEventually(queue), TimeSpan.Zero, CancellationToken.None);
        var original = await ReceiveEventually(queue);
        Assert.Equal(2, original.ReceiveCount);

        await queue.Defer(original, TimeSpan.FromSeconds(1), CancellationToken.None);
        var copy = await ReceiveEventually(queue);
        await queue.Complete(copy, CancellationToken.None);

        Assert.Equal(("throttled", 1), (copy.Body, copy.ReceiveCount));
        Assert.NotEqual(original.MessageId, copy.MessageId);
        Assert.Equal((0, 0), await Depth(sqs, queues));
    }

    [Fact]
    public async Task Dead_letter_puts_the_body_on_the_dead_letter_queue_and_removes_it_from_the_queue()
    {
        using var sqs = fauxqs.Client();
        var queues = await Queues(sqs);
        var queue = new SqsWebhookQueue(sqs, queues);
        await queue.Send(["{\"delivery_id\":\"dlv_dead\"}"], TimeSpan.Zero, CancellationToken.None);

        await queue.DeadLetter(await ReceiveEventually(queue), CancellationToken.None);

        Assert.Equal((0, 0), await Depth(sqs, queues));
        var dead = await ReceiveEventually(DeadLetters(sqs, queues));
        Assert.Equal("{\"delivery_id\":\"dlv_dead\"}", dead.Body);
    }

    [Fact]
    public async Task Retried_on_each_of_five_receives_the_message_is_redriven_to_the_dead_letter_queue()
    {
        using var sqs = fauxqs.Client();
        var queues = await Queues(sqs);
        var queue = new SqsWebhookQueue(sqs, queues);
        await queue.Send(["always-500"], TimeSpan.Zero, CancellationToken.None);

        for (var receive = 1; receive <= WebhookQueueSpec.MaxReceiveCount; receive++)
        {
            var receipt = await ReceiveEventually(queue);
            Assert.Equal(receive, receipt.ReceiveCount);
            await queue.Retry(receipt, TimeSpan.Zero, CancellationToken.None);
        }

        Assert.Empty(await queue.Receive(10, TimeSpan.FromSeconds(1), CancellationToken.None));
        Assert.Equal("always-500", (await ReceiveEventually(DeadLetters(sqs, queues))).Body);
    }

    private static Task<SqsWebhookQueues> Queues(IAmazonSQS sqs) => SqsWebhookQueues.Ensure(sqs, UniqueName(), null, CancellationToken.None);

    /// <summary>The dead-letter queue read through the same adapter (its own queue and dead-letter URL are the DLQ's).</summary>
    private static SqsWebhookQueue DeadLetters(IAmazonSQS sqs, SqsWebhookQueues queues) =>
        new(sqs, new SqsWebhookQueues(queues.DeadLetterQueueUrl, queues.DeadLetterQueueUrl));

    /// <summary>Long-polls until a message arrives; bounded so a broken emulator fails instead of hanging.</summary>
    private static async Task<JobReceipt> ReceiveEventually(SqsWebhookQueue queue)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (await queue.Receive(1, TimeSpan.FromSeconds(1), CancellationToken.None) is [var receipt, ..])
            {
                return receipt;
            }
        }

        throw new TimeoutException("No message within 20 long polls.");
    }

    private static async Task<List<JobReceipt>> Drain(SqsWebhookQueue queue)
    {
        var received = new List<JobReceipt>();
        while (await queue.Receive(10, TimeSpan.FromSeconds(1), CancellationToken.None) is { Count: > 0 } batch)
        {
            received.AddRange(batch);
        }

        return received;
    }

    private static async Task<(int Visible, int InFlight)> Depth(IAmazonSQS sqs, SqsWebhookQueues queues)
    {
        var attributes = await Attributes(sqs, queues.QueueUrl);
        return (int.Parse(attributes["ApproximateNumberOfMessages"], CultureInfo.InvariantCulture),
            int.Parse(attributes["ApproximateNumberOfMessagesNotVisible"], CultureInfo.InvariantCulture));
    }

    private static async Task<Dictionary<string, string>> Attributes(IAmazonSQS sqs, string url) =>
        (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = ["All"] })).Attributes;

    private static string UniqueName() => "webhooks-" + Guid.NewGuid().ToString("N")[..12];
}

using Payments.Application.Jobs;
using Payments.Aws.Sqs;
using Payments.TestServices;

namespace Payments.Aws.Tests.Sqs;

/// <summary>The SQS adapter against a real SQS protocol implementation (fauxqs) on loopback.</summary>
public sealed class SqsPaymentJobQueueTests(Fauxqs fauxqs) : IClassFixture<Fauxqs>
{
    /// <summary>Short enough to wait out in a test; the spec's 300 s is checked in <see cref="PaymentQueueSettingsTests"/>.</summary>
    private static readonly Dictionary<string, string> ShortVisibility = new(StringComparer.Ordinal)
    {
        ["VisibilityTimeout"] = "1",
        ["ReceiveMessageWaitTimeSeconds"] = "0",
    };

    [Fact]
    public async Task Sent_job_is_received_with_its_receive_count_and_deleted_on_complete()
    {
        using var sqs = fauxqs.Client();
        var queues = await SqsPaymentQueues.Ensure(sqs, UniqueName(), null, CancellationToken.None);
        var queue = new SqsPaymentJobQueue(sqs, queues.QueueUrl);
        var id = Guid.NewGuid();

        await queue.Enqueue(new PaymentJob(id), CancellationToken.None);
        var receipt = await queue.Receive(TimeSpan.FromSeconds(1), CancellationToken.None);
        await queue.Complete(receipt!, CancellationToken.None);

        Assert.Equal(id, PaymentJob.TryParse(receipt!.Body, out _)!.PaymentId);
        Assert.Equal(1, receipt.ReceiveCount);
        Assert.Null(await queue.Receive(TimeSpan.Zero, CancellationToken.None));
        Assert.Equal("0", (await Attributes(sqs, queues.QueueUrl))["ApproximateNumberOfMessagesNotVisible"]);
    }

    [Fact]
    public async Task Queue_is_created_with_the_spec_settings_and_redrive_to_its_dead_letter_queue()
    {
        using var sqs = fauxqs.Client();
        var queues = await SqsPaymentQueues.Ensure(sqs, UniqueName(), null, CancellationToken.None);

        var attributes = await Attributes(sqs, queues.QueueUrl);
        var dlqArn = (await Attributes(sqs, queues.DeadLetterQueueUrl))["QueueArn"];

        Assert.Equal("300", attributes["VisibilityTimeout"]);
        Assert.Equal("1209600", attributes["MessageRetentionPeriod"]);
        Assert.Equal("20", attributes["ReceiveMessageWaitTimeSeconds"]);
        Assert.Contains(dlqArn, attributes["RedrivePolicy"], StringComparison.Ordinal);
        Assert.Contains("\"maxReceiveCount\":3", attributes["RedrivePolicy"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Job_not_deleted_is_redelivered_after_the_visibility_timeout_with_a_higher_receive_count()
    {
        using var sqs = fauxqs.Client();
        var queues = await SqsPaymentQueues.Ensure(sqs, UniqueName(), ShortVisibility, CancellationToken.None);
        var queue = new SqsPaymentJobQueue(sqs, queues.QueueUrl);
        await queue.Enqueue(new PaymentJob(Guid.NewGuid()), CancellationToken.None);

        var first = await queue.Receive(TimeSpan.Zero, CancellationToken.None);
        var again = await ReceiveEventually(queue);

        Assert.Equal(first!.MessageId, again.MessageId);
        Assert.Equal(2, again.ReceiveCount);
    }

    [Fact]
    public async Task Job_received_three_times_without_delete_lands_in_the_dead_letter_queue()
    {
        using var sqs = fauxqs.Client();
        var queues = await SqsPaymentQueues.Ensure(sqs, UniqueName(), ShortVisibility, CancellationToken.None);
        var queue = new SqsPaymentJobQueue(sqs, queues.QueueUrl);
        var id = Guid.NewGuid();
        await queue.Enqueue(new PaymentJob(id), CancellationToken.None);

        for (var receive = 1; receive <= 3; receive++)
        {
            var receipt = await ReceiveEventually(queue);
            Assert.Equal(receive, receipt.ReceiveCount);
            await queue.Abandon(receipt, TimeSpan.Zero, CancellationToken.None);
        }

        Assert.Null(await queue.Receive(TimeSpan.FromSeconds(1), CancellationToken.None));
        var deadLetters = new SqsPaymentJobQueue(sqs, queues.DeadLetterQueueUrl);
        var dead = await ReceiveEventually(deadLetters);
        Assert.Equal(id, PaymentJob.TryParse(dead.Body, out _)!.PaymentId);
    }

    [Fact]
    public async Task Job_id_travels_in_the_body_and_as_a_message_attribute_and_a_job_without_one_keeps_the_old_shape()
    {
        using var sqs = fauxqs.Client();
        var queues = await SqsPaymentQueues.Ensure(sqs, UniqueName(), null, CancellationToken.None);
        var queue = new SqsPaymentJobQueue(sqs, queues.QueueUrl);
        var identified = new PaymentJob(Guid.NewGuid(), PaymentJob.IdFor(Guid.NewGuid(), 1));
        var bare = new PaymentJob(Guid.NewGuid());

        await queue.Enqueue(identified, CancellationToken.None);
        await queue.Enqueue(bare, CancellationToken.None);
        var messages = new List<Amazon.SQS.Model.Message>();
        while (messages.Count < 2)
        {
            var response = await sqs.ReceiveMessageAsync(new Amazon.SQS.Model.ReceiveMessageRequest { QueueUrl = queues.QueueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 1, MessageAttributeNames = ["All"] });
            messages.AddRange(response.Messages ?? []);
        }

        var byPayment = messages.ToDictionary(m => PaymentJob.TryParse(m.Body, out _)!.PaymentId);
        Assert.Equal(identified, PaymentJob.TryParse(byPayment[identified.PaymentId].Body, out _));
        Assert.Equal(identified.JobId, byPayment[identified.PaymentId].MessageAttributes[SqsPaymentJobQueue.JobIdAttribute].StringValue);
        Assert.Equal($"{{\"payment_id\":\"{bare.PaymentId:D}\"}}", byPayment[bare.PaymentId].Body);
        Assert.False(byPayment[bare.PaymentId].MessageAttributes is { } attributes && attributes.ContainsKey(SqsPaymentJobQueue.JobIdAttribute));
    }

    [Fact]
    public void Job_body_written_before_job_ids_existed_still_parses_without_one()
    {
        var id = Guid.NewGuid();

        var job = PaymentJob.TryParse($"{{\"payment_id\":\"{id:D}\"}}", out var problem);

        Assert.Equal(new PaymentJob(id), job);
        Assert.Null(job!.JobId);
        Assert.Equal("", problem);
    }

    [Fact]
    public async Task Job_trace_context_survives_the_trip_through_sqs()
    {
        using var sqs = fauxqs.Client();
        var queues = await SqsPaymentQueues.Ensure(sqs, UniqueName(), null, CancellationToken.None);
        var queue = new SqsPaymentJobQueue(sqs, queues.QueueUrl);
        var job = new PaymentJob(Guid.NewGuid(), "job-1", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "congo=t61rcWkgMzE");

        await queue.Dispatch([job], CancellationToken.None);
        var receipt = await ReceiveEventually(queue);

        Assert.Equal(job, PaymentJob.TryParse(receipt.Body, out _));
    }

    /// <summary>Long-polls until a delivery arrives; bounded so a broken emulator fails instead of hanging.</summary>
    private static async Task<JobReceipt> ReceiveEventually(SqsPaymentJobQueue queue)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (await queue.Receive(TimeSpan.FromSeconds(1), CancellationToken.None) is { } receipt)
            {
                return receipt;
            }
        }

        throw new TimeoutException("No delivery within 20 long polls.");
    }

    private static async Task<Dictionary<string, string>> Attributes(Amazon.SQS.IAmazonSQS sqs, string url) =>
        (await sqs.GetQueueAttributesAsync(new Amazon.SQS.Model.GetQueueAttributesRequest { QueueUrl = url, AttributeNames = ["All"] })).Attributes;

    private static string UniqueName() => "payments-" + Guid.NewGuid().ToString("N")[..12];
}

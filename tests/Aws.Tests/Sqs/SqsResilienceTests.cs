using System.Net;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Payments.Application.Jobs;
using Payments.Aws.Sqs;
using Payments.TestServices;

namespace Payments.Aws.Tests.Sqs;

public sealed class SqsResilienceTests
{
    [Fact]
    public async Task Send_throttled_twice_is_retried_and_lands_once()
    {
        var time = Clock.Fake();
        using var sqs = new ScriptedSqs(new AmazonSQSException("slow down") { StatusCode = HttpStatusCode.ServiceUnavailable }, new AmazonSQSException("throttled") { ErrorCode = "RequestThrottled", StatusCode = HttpStatusCode.BadRequest });
        var queue = new SqsPaymentJobQueue(sqs, "http://127.0.0.1:1/queue/jobs", SqsResilience.Pipeline(time));

        await time.Pump(queue.Enqueue(new PaymentJob(Guid.CreateVersion7()), CancellationToken.None));

        Assert.Equal(3, sqs.Sends);
    }

    [Fact]
    public async Task Send_refused_as_a_client_error_is_not_retried()
    {
        var time = Clock.Fake();
        using var sqs = new ScriptedSqs(new AmazonSQSException("no such queue") { ErrorCode = "AWS.SimpleQueueService.NonExistentQueue", StatusCode = HttpStatusCode.BadRequest });
        var queue = new SqsPaymentJobQueue(sqs, "http://127.0.0.1:1/queue/jobs", SqsResilience.Pipeline(time));

        await Assert.ThrowsAsync<AmazonSQSException>(() => time.Pump(queue.Enqueue(new PaymentJob(Guid.CreateVersion7()), CancellationToken.None)));

        Assert.Equal(1, sqs.Sends);
    }

    [Fact]
    public async Task Send_failing_past_its_retries_surfaces_the_last_error()
    {
        var time = Clock.Fake();
        var outage = Enumerable.Range(0, 10).Select(_ => new AmazonSQSException("down") { StatusCode = HttpStatusCode.InternalServerError }).ToArray();
        using var sqs = new ScriptedSqs(outage);
        var queue = new SqsPaymentJobQueue(sqs, "http://127.0.0.1:1/queue/jobs", SqsResilience.Pipeline(time));

        await Assert.ThrowsAsync<AmazonSQSException>(() => time.Pump(queue.Enqueue(new PaymentJob(Guid.CreateVersion7()), CancellationToken.None)));

        Assert.Equal(4, sqs.Sends);
    }

    /// <summary>An SQS client whose sends fail with the scripted errors first; it never opens a connection.</summary>
    private sealed class ScriptedSqs(params AmazonServiceException[] failures)
        : AmazonSQSClient(new BasicAWSCredentials("test", "test"), new AmazonSQSConfig { ServiceURL = "http://127.0.0.1:1", MaxErrorRetry = 0 })
    {
        private readonly Queue<AmazonServiceException> _failures = new(failures);

        public int Sends { get; private set; }

        public override Task<SendMessageResponse> SendMessageAsync(SendMessageRequest request, CancellationToken cancellationToken = default)
        {
            Sends++;
            return _failures.TryDequeue(out var failure) ? Task.FromException<SendMessageResponse>(failure) : Task.FromResult(new SendMessageResponse { MessageId = "m-" + Sends });
        }
    }
}

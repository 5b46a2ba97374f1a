using Microsoft.Extensions.Time.Testing;
using Payments.Application.Jobs;
using Payments.Embedded.Jobs;
using Payments.Embedded.Webhooks;
using Payments.TestServices;

namespace Payments.Embedded.Tests.Jobs;

/// <summary>An operator's redrive and discard of dead letters, on both embedded queues.</summary>
public sealed class SqliteDeadLetterRedriveTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = Clock.Fake();

    [Fact]
    public async Task Redriven_dead_letter_is_received_again_with_fresh_receives_and_leaves_the_dead_letters()
    {
        await using var queue = SqlitePaymentJobQueue.Open(_directory.File("jobs.db"), _time, new EmbeddedQueueOptions());
        var id = Guid.NewGuid();
        await queue.Enqueue(new PaymentJob(id), CancellationToken.None);
        for (var receive = 1; receive <= queue.MaxReceives; receive++)
        {
            await queue.Abandon((await queue.Receive(TimeSpan.Zero, CancellationToken.None))!, TimeSpan.Zero, CancellationToken.None);
        }

        var dead = Assert.Single(await queue.ReadDeadLetters(CancellationToken.None));
        Assert.True(await queue.Redrive(dead.MessageId, CancellationToken.None));
        Assert.False(await queue.Redrive(dead.MessageId, CancellationToken.None));

        Assert.Empty(await queue.ReadDeadLetters(CancellationToken.None));
        var again = await queue.Receive(TimeSpan.Zero, CancellationToken.None);
        Assert.Equal((id, 1), (PaymentJob.TryParse(again!.Body, out _)!.PaymentId, again.ReceiveCount));
    }

    [Fact]
    public async Task Discarded_webhook_dead_letter_is_gone_and_never_delivered_again()
    {
        await using var queue = SqliteWebhookQueue.Open(_directory.File("webhook-jobs.db"), _time, new EmbeddedWebhookQueueOptions { MaxReceives = 1 });
        await queue.Send(["{\"delivery_id\":\"d1\"}"], TimeSpan.Zero, CancellationToken.None);
        await queue.DeadLetter(Assert.Single(await queue.Receive(1, TimeSpan.Zero, CancellationToken.None)), CancellationToken.None);
        var dead = Assert.Single(await queue.ReadDeadLetters(CancellationToken.None));

        Assert.True(await queue.Discard(dead.MessageId, CancellationToken.None));

        Assert.Empty(await queue.ReadDeadLetters(CancellationToken.None));
        Assert.Empty(await queue.Receive(1, TimeSpan.Zero, CancellationToken.None));
        Assert.False(await queue.Discard(dead.MessageId, CancellationToken.None));
    }

    public void Dispose() => _directory.Dispose();
}

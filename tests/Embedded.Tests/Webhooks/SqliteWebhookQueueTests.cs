using Microsoft.Extensions.Time.Testing;
using Payments.Application.Webhooks.Queue;
using Payments.Embedded.Webhooks;
using Payments.TestServices;

namespace Payments.Embedded.Tests.Webhooks;

public sealed class SqliteWebhookQueueTests : IDisposable
{
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(WebhookQueueSpec.VisibilityTimeoutSeconds);
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = Clock.Fake();

    [Fact]
    public async Task Receive_claims_at_most_the_batch_size_in_send_order()
    {
        await using var queue = Open();
        var bodies = Enumerable.Range(1, 12).Select(i => $"body-{i:D2}").ToList();
        await queue.Send(bodies, TimeSpan.Zero, None);

        var first = await queue.Receive(WebhookQueueSpec.BatchSize, TimeSpan.Zero, None);
        var rest = await queue.Receive(WebhookQueueSpec.BatchSize, TimeSpan.Zero, None);

        Assert.Equal(bodies.Take(10), first.Select(r => r.Body));
        Assert.Equal(bodies.Skip(10), rest.Select(r => r.Body));
        Assert.Empty(await queue.Receive(WebhookQueueSpec.BatchSize, TimeSpan.Zero, None));
        Assert.All(first.Concat(rest), r => Assert.Equal(1, r.ReceiveCount));
    }

    [Fact]
    public async Task Message_sent_with_a_delay_stays_hidden_until_it_passes()
    {
        await using var queue = Open();
        await queue.Send(["later"], TimeSpan.FromSeconds(30), None);

        var tooEarly = await queue.Receive(10, TimeSpan.Zero, None);
        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.Empty(tooEarly);
        Assert.Equal("later", Assert.Single(await queue.Receive(10, TimeSpan.Zero, None)).Body);
    }

    [Fact]
    public async Task Retried_message_is_hidden_for_its_delay_then_comes_back_with_the_receive_counted()
    {
        await using var queue = Open();
        await queue.Send(["m"], TimeSpan.Zero, None);
        var receipt = Assert.Single(await queue.Receive(10, TimeSpan.Zero, None));

        await queue.Retry(receipt, TimeSpan.FromMinutes(5), None);
        _time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1));
        var tooEarly = await queue.Receive(10, TimeSpan.Zero, None);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Empty(tooEarly);
        Assert.Equal(2, Assert.Single(await queue.Receive(10, TimeSpan.Zero, None)).ReceiveCount);
    }

    [Fact]
    public async Task Deferred_message_comes_back_after_its_delay_without_using_a_receive()
    {
        await using var queue = Open();
        await queue.Send(["throttled"], TimeSpan.Zero, None);

        for (var deferral = 0; deferral < WebhookQueueSpec.MaxReceiveCount * 2; deferral++)
        {
            var receipt = Assert.Single(await queue.Receive(10, TimeSpan.Zero, None));
            Assert.Equal(1, receipt.ReceiveCount);
            await queue.Defer(receipt, TimeSpan.FromSeconds(7), None);
            Assert.Empty(await queue.Receive(10, TimeSpan.Zero, None));
            _time.Advance(TimeSpan.FromSeconds(7));
        }

        Assert.Empty(await queue.ReadDeadLetters(None));
    }

    [Fact]
    public async Task Retry_after_the_fifth_receive_dead_letters_the_message()
    {
        await using var queue = Open();
        await queue.Send(["always fails"], TimeSpan.Zero, None);

        for (var receive = 1; receive <= WebhookQueueSpec.MaxReceiveCount; receive++)
        {
            var receipt = Assert.Single(await queue.Receive(10, TimeSpan.Zero, None));
            Assert.Equal(receive, receipt.ReceiveCount);
            await queue.Retry(receipt, TimeSpan.Zero, None);
        }

        var dead = Assert.Single(await queue.ReadDeadLetters(None));
        Assert.Equal(("always fails", 5, _time.GetUtcNow()), (dead.Body, dead.ReceiveCount, dead.DeadLetteredAt));
        Assert.Empty(await queue.Receive(10, TimeSpan.Zero, None));
        Assert.Equal(0, await queue.CountPending(None));
    }

    [Fact]
    public async Task Message_whose_fifth_lease_lapsed_is_dead_lettered_instead_of_delivered()
    {
        await using var queue = Open();
        await queue.Send(["lost every time"], TimeSpan.Zero, None);

        for (var receive = 1; receive <= WebhookQueueSpec.MaxReceiveCount; receive++)
        {
            Assert.Single(await queue.Receive(10, TimeSpan.Zero, None));
            _time.Advance(Visibility);
        }

        Assert.Empty(await queue.Receive(10, TimeSpan.Zero, None));
        Assert.Equal(5, Assert.Single(await queue.ReadDeadLetters(None)).ReceiveCount);
    }

    [Fact]
    public async Task Dead_letter_moves_the_message_at_once()
    {
        await using var queue = Open();
        await queue.Send(["poison", "fine"], TimeSpan.Zero, None);
        var receipts = await queue.Receive(10, TimeSpan.Zero, None);

        await queue.DeadLetter(receipts[0], None);

        var dead = Assert.Single(await queue.ReadDeadLetters(None));
        Assert.Equal((receipts[0].MessageId, "poison", 1), (dead.MessageId, dead.Body, dead.ReceiveCount));
        Assert.Equal(1, await queue.CountPending(None));
    }

    [Fact]
    public async Task Lapsed_lease_is_redelivered_under_a_new_handle_and_the_old_one_completes_nothing()
    {
        await using var queue = Open();
        await queue.Send(["slow"], TimeSpan.Zero, None);
        var stale = Assert.Single(await queue.Receive(10, TimeSpan.Zero, None));
        _time.Advance(Visibility);

        var again = Assert.Single(await queue.Receive(10, TimeSpan.Zero, None));
        await queue.Complete(stale, None);

        Assert.Equal(stale.MessageId, again.MessageId);
        Assert.NotEqual(stale.ReceiptHandle, again.ReceiptHandle);
        Assert.Equal(2, again.ReceiveCount);
        Assert.Equal(1, await queue.CountPending(None));
        await queue.Complete(again, None);
        Assert.Equal(0, await queue.CountPending(None));
    }

    [Fact]
    public async Task Leases_of_a_dead_process_are_reclaimed_at_start_with_their_receives_counted()
    {
        await using (var dead = Open())
        {
            await dead.Send(["a", "b", "c"], TimeSpan.Zero, None);
            await dead.Receive(2, TimeSpan.Zero, None);
        }

        await using var next = Open();
        var unleased = Assert.Single(await next.Receive(10, TimeSpan.Zero, None));
        Assert.Equal("c", unleased.Body);
        await next.Complete(unleased, None);

        Assert.Equal(2, await next.ReclaimLeases(None));
        var reclaimed = await next.Receive(10, TimeSpan.Zero, None);

        Assert.Equal(["a", "b"], reclaimed.Select(r => r.Body).Order());
        Assert.All(reclaimed, r => Assert.Equal(2, r.ReceiveCount));
    }

    [Fact]
    public async Task Waiting_receive_wakes_when_a_message_is_sent()
    {
        await using var queue = Open();
        var waiting = queue.Receive(10, TimeSpan.FromSeconds(20), None);
        Assert.False(waiting.IsCompleted);

        await queue.Send(["wake"], TimeSpan.Zero, None);

        // The fake clock never moves: only the send's signal can complete the receive (the real-time bound only turns a miss into a failure).
        Assert.Equal("wake", Assert.Single(await waiting.WaitAsync(TimeSpan.FromSeconds(10))).Body);
    }

    [Fact]
    public async Task Waiting_receive_wakes_when_a_retried_message_becomes_visible()
    {
        await using var queue = Open();
        await queue.Send(["m"], TimeSpan.Zero, None);
        await queue.Retry(Assert.Single(await queue.Receive(10, TimeSpan.Zero, None)), TimeSpan.FromSeconds(5), None);

        var waitFrom = _time.GetUtcNow();

        var again = await _time.Pump(queue.Receive(10, TimeSpan.FromSeconds(20), None), TimeSpan.FromSeconds(1));

        Assert.Equal(2, Assert.Single(again).ReceiveCount);
        Assert.InRange(_time.GetUtcNow() - waitFrom, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15));
    }

    public void Dispose() => _directory.Dispose();

    private SqliteWebhookQueue Open() =>
        SqliteWebhookQueue.Open(_directory.File(SqliteWebhookQueue.FileName), _time, new EmbeddedWebhookQueueOptions());
}

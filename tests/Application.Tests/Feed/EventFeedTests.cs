using Payments.Application.Feed;
using Payments.Application.Ledger;
using Payments.Domain.Decisions;
using Payments.Domain.Requests;
using Payments.EventStore.Contract;
using Payments.TestServices;

namespace Payments.Application.Tests.Feed;

/// <summary>The ordered feed over the real SQLite store: paging, client scope, and readers racing 16 writers.</summary>
public sealed class EventFeedTests : IAsyncLifetime
{
    private static readonly EventMetadata Metadata = new("feed-tests", null, "test");

    private LedgerFixture _ledger = null!;

    public Task InitializeAsync()
    {
        _ledger = LedgerFixture.Create();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ledger.DisposeAsync();

    private EventFeed NewFeed() => new(_ledger.Store, new PaymentOwners(_ledger.Store));

    [Fact]
    public async Task Everything_pages_in_position_order_and_resumes_after_the_last_event()
    {
        for (var i = 0; i < 7; i++)
        {
            await Request("client-x");
        }

        var feed = NewFeed();
        var first = await feed.Read(FeedScope.Everything, 0, 3, CancellationToken.None);
        var second = await feed.Read(FeedScope.Everything, first.ResumeAfter, 3, CancellationToken.None);
        var third = await feed.Read(FeedScope.Everything, second.ResumeAfter, 3, CancellationToken.None);
        var head = await feed.Read(FeedScope.Everything, third.ResumeAfter, 3, CancellationToken.None);

        Assert.Equal([1L, 2, 3], first.Events.Select(e => e.Position));
        Assert.Equal([4L, 5, 6], second.Events.Select(e => e.Position));
        Assert.Equal([7L], third.Events.Select(e => e.Position));
        Assert.Empty(head.Events);
        Assert.Equal(7, head.ResumeAfter);
    }

    /// <summary>
    /// Client x's payment is created first, then more than a scan batch of client y's events, then x's later events: a
    /// reader resuming past x's first event still attributes the later ones to x (the owner comes from the stream, not
    /// from a page), and every page but the last is full.
    /// </summary>
    [Fact]
    public async Task Client_pages_skip_other_clients_without_stopping_early_or_skipping_its_own()
    {
        var x = await Request("client-x");
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            for (var i = 0; i < 140; i++)
            {
                await Request("client-y");
            }
        }));
        await _ledger.Ledger.Execute(x, new PaymentCommand.StartProcessing(), Metadata, CancellationToken.None);
        var x2 = await Request("client-x");
        await _ledger.Ledger.Execute(x2, new PaymentCommand.StartProcessing(), Metadata, CancellationToken.None);
        var expected = (await _ledger.Store.ReadAll(0, 10_000)).Where(e => e.StreamId == StreamId.For(x) || e.StreamId == StreamId.For(x2)).ToList();

        var pages = await ReadToHead(NewFeed(), FeedScope.OfClient("client-x"), 1, limit: 2);

        Assert.Equal(expected.Skip(1).Select(e => e.Position), pages.SelectMany(p => p.Events).Select(e => e.Position));
        Assert.All(pages.SkipLast(1), p => Assert.Equal(2, p.Events.Count));
        Assert.True(pages[^1].Events.Count < 2);
    }

    [Fact]
    public async Task Client_at_the_head_resumes_after_the_other_clients_events_it_looked_at()
    {
        await Request("client-x");
        await Request("client-y");
        await Request("client-y");

        var page = await NewFeed().Read(FeedScope.OfClient("client-x"), 0, 10, CancellationToken.None);

        Assert.Single(page.Events);
        Assert.Equal(3, page.ResumeAfter);
    }

    /// <summary>
    /// The test: a reader pages while 16 writers append; it sees every event exactly once, in order. A second
    /// reader scoped to one client sees exactly that client's events, in order.
    /// </summary>
    [Fact]
    public async Task Readers_paging_while_16_writers_append_see_every_event_exactly_once_in_order()
    {
        const int Writers = 16;
        const int PaymentsPerWriter = 25;
        var writing = StartingGun.Race(Writers, async writer =>
        {
            for (var i = 0; i < PaymentsPerWriter; i++)
            {
                var id = await Request($"client-{writer % 4}");
                await _ledger.Ledger.Execute(id, new PaymentCommand.StartProcessing(), Metadata, CancellationToken.None);
            }

            return writer;
        });
        var everything = ReadUntilWritersDone(FeedScope.Everything, writing, limit: 7);
        var clientTwo = ReadUntilWritersDone(FeedScope.OfClient("client-2"), writing, limit: 5);

        var seen = await everything;
        var seenByClientTwo = await clientTwo;

        var total = Writers * PaymentsPerWriter * 2;
        Assert.Equal(Enumerable.Range(1, total).Select(p => (long)p), seen.Select(e => e.Position));
        Assert.Equal(total, seen.Select(e => (e.StreamId, e.Version)).Distinct().Count());
        var owners = new PaymentOwners(_ledger.Store);
        var clientTwosEvents = new List<long>();
        foreach (var e in seen)
        {
            if (await owners.OwnerOf(e, CancellationToken.None) == "client-2")
            {
                clientTwosEvents.Add(e.Position);
            }
        }

        Assert.Equal(total / 4, clientTwosEvents.Count);
        Assert.Equal(clientTwosEvents, seenByClientTwo.Select(e => e.Position));
    }

    private async Task<List<StoredEvent>> ReadUntilWritersDone(FeedScope scope, Task writers, int limit)
    {
        var feed = NewFeed();
        var seen = new List<StoredEvent>();
        long after = 0;
        while (true)
        {
            // Read whether the writers were done before the page, so the last empty page is known to be the true end.
            var writersDone = writers.IsCompleted;
            var page = await feed.Read(scope, after, limit, CancellationToken.None);
            seen.AddRange(page.Events);
            after = page.ResumeAfter;
            if (page.Events.Count == 0)
            {
                if (writersDone)
                {
                    await writers;
                    return seen;
                }

                await Task.Delay(1);
            }
        }
    }

    private static async Task<List<FeedPage>> ReadToHead(EventFeed feed, FeedScope scope, long after, int limit)
    {
        var pages = new List<FeedPage>();
        while (true)
        {
            var page = await feed.Read(scope, after, limit, CancellationToken.None);
            pages.Add(page);
            after = page.ResumeAfter;
            if (page.Events.Count < limit)
            {
                return pages;
            }
        }
    }

    private async Task<Guid> Request(string clientId)
    {
        PaymentRequestValidator.Validate(new PaymentRequest(100.00m, "EUR", "DE89370400440532013000", "MX-CLABE-032180000118359719"), out var request);
        var outcome = await _ledger.Ledger.Request(clientId, IdempotencyKey.Parse("key-" + Guid.NewGuid().ToString("N")), request!, Metadata, CancellationToken.None);
        return ((RequestOutcome.Accepted)outcome).Payment.PaymentId;
    }
}

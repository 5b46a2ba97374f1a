using Payments.Domain.Decisions;
using Payments.EventStore.Contract;
using Payments.Functions.Cli.Export;
using Payments.TestServices;

namespace Payments.Functions.Tests.Cli;

public sealed class EventLogWindowTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(1_000)]
    public async Task Any_page_size_yields_each_event_of_the_window_once_in_position_order(int pageSize)
    {
        await using var ledger = LedgerFixture.Create();
        var start = ledger.Time.GetUtcNow();
        for (var i = 0; i < 4; i++)
        {
            var id = await ledger.RequestPayment();
            ledger.Time.Advance(TimeSpan.FromSeconds(1));
            await ledger.Ledger.Execute(id, new PaymentCommand.StartProcessing(), new EventMetadata("c", null, "t"), CancellationToken.None);
            ledger.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var all = await ledger.Store.ReadAll(0, 100);
        var (from, to) = (start.AddSeconds(1), start.AddSeconds(6));
        var read = new List<StoredEvent>();
        await foreach (var e in EventLogWindow.Read(ledger.Store, from, to, CancellationToken.None, pageSize))
        {
            read.Add(e);
        }

        Assert.Equal(all.Where(e => e.OccurredAt >= from && e.OccurredAt < to).Select(e => e.Position), read.Select(e => e.Position));
        Assert.Equal(5, read.Count);
    }
}

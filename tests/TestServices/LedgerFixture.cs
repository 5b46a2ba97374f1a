using Microsoft.Extensions.Time.Testing;
using Payments.Domain.Requests;
using Payments.Domain.State;
using Payments.EventStore.Contract;
using Payments.Embedded.EventStore;
using Payments.Application.Ledger;

namespace Payments.TestServices;

/// <summary>A real SQLite event store and ledger in a temp directory, on a fake clock.</summary>
public sealed class LedgerFixture : IAsyncDisposable
{
    private LedgerFixture(TempDirectory directory, FakeTimeProvider time, SqliteEventStore store)
    {
        Directory = directory;
        Time = time;
        Store = store;
        Ledger = new PaymentLedger(store, time);
    }

    public TempDirectory Directory { get; }

    public FakeTimeProvider Time { get; }

    public SqliteEventStore Store { get; }

    public PaymentLedger Ledger { get; }

    public static LedgerFixture Create()
    {
        var directory = new TempDirectory();
        var time = Clock.Fake();
        return new LedgerFixture(directory, time, SqliteEventStore.Open(directory.File("events.db"), time));
    }

    public async Task<Guid> RequestPayment(decimal amount = 100.00m, string currency = "EUR")
    {
        var errors = PaymentRequestValidator.Validate(new PaymentRequest(amount, currency, "DE89370400440532013000", "MX-CLABE-032180000118359719"), out var request);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("test request is invalid");
        }

        var outcome = await Ledger.Request(
            "client-a", IdempotencyKey.Parse("key-" + Guid.NewGuid().ToString("N")), request!, new EventMetadata("test", null, "test"), CancellationToken.None);
        return ((RequestOutcome.Accepted)outcome).Payment.PaymentId;
    }

    public Task<Payment> Load(Guid paymentId) => Ledger.Load(paymentId, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Directory.Dispose();
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using Payments.Application.Ramps.Sandbox;
using Payments.Application.Worker;
using Payments.Domain.Ramps;
using Payments.Domain.State;
using Payments.Embedded.Ramps;
using Payments.TestServices;

namespace Payments.Application.Tests.Faults;

/// <summary>
/// One payment through the real handler, ledger (SQLite) and sandbox providers (with their durable execution log),
/// delivered the way a queue does it: receive 1, 2, … up to the last receive, a died worker's delivery lapsing and
/// coming back, and after the last receive the dead letter, after which the sweeper queues a fresh job.
/// </summary>
public sealed class SandwichRun : IAsyncDisposable
{
    private SandwichRun(LedgerFixture fixture, RampTransactionLog log, RampFaultScript script, WorkerOptions options)
    {
        Fixture = fixture;
        Log = log;
        Script = script;
        Options = options;
        var sandbox = new MockRampProvider(log, new MockRampOptions { MinLatency = TimeSpan.FromMilliseconds(5), MaxLatency = TimeSpan.FromMilliseconds(20) }, fixture.Time, script);
        Ramps = new CrashingRamps(sandbox, sandbox);
        Handler = new PaymentJobHandler(fixture.Ledger, Ramps, Ramps, options, fixture.Time, NullLogger<PaymentJobHandler>.Instance);
    }

    public LedgerFixture Fixture { get; }

    public RampTransactionLog Log { get; }

    public RampFaultScript Script { get; }

    public CrashingRamps Ramps { get; }

    public WorkerOptions Options { get; }

    public PaymentJobHandler Handler { get; }

    /// <summary>Fresh jobs the sweeper had to queue because the previous one dead-lettered with the payment still open.</summary>
    public int Sweeps { get; private set; }

    public int Deliveries { get; private set; }

    public int WorkerDeaths { get; private set; }

    public static SandwichRun Start(WorkerOptions? options = null)
    {
        var fixture = LedgerFixture.Create();
        var log = RampTransactionLog.Open(fixture.Directory.File(RampTransactionLog.FileName), fixture.Time);
        return new SandwichRun(fixture, log, new RampFaultScript(), options ?? new WorkerOptions { RampBackoff = TimeSpan.FromMilliseconds(10) });
    }

    /// <summary>
    /// Delivers the payment's job until a delivery acknowledges it, sweeping after each dead letter, at most
    /// <paramref name="maxSweeps"/> times; <paramref name="duplicates"/> adds a second, concurrent-in-spirit delivery of
    /// the same job on the given receive numbers.
    /// </summary>
    public async Task<Payment> DriveToRest(Guid paymentId, int maxSweeps = 4, ISet<int>? duplicates = null)
    {
        for (var job = 0; job <= maxSweeps; job++)
        {
            if (job > 0)
            {
                Sweeps++;
            }

            for (var receive = 1; receive <= Options.MaxReceives; receive++)
            {
                if (duplicates?.Contains(Deliveries) == true)
                {
                    await Deliver(paymentId, receive);
                }

                if (await Deliver(paymentId, receive))
                {
                    return await Fixture.Load(paymentId);
                }

                Fixture.Time.Advance(Options.RedeliveryDelay * receive);
            }
        }

        return await Fixture.Load(paymentId);
    }

    /// <summary>The provider's record of what it executed for the payment's legs, as the proof the ledger is checked against.</summary>
    public async Task<IReadOnlyDictionary<RampLeg, RampTransaction>> Executed(Guid paymentId)
    {
        var executed = new Dictionary<RampLeg, RampTransaction>();
        foreach (var leg in Enum.GetValues<RampLeg>())
        {
            if (await Log.Find(RampRequestKey.For(paymentId, leg), CancellationToken.None) is { } transaction)
            {
                executed[leg] = transaction;
            }
        }

        return executed;
    }

    public async ValueTask DisposeAsync()
    {
        await Log.DisposeAsync();
        await Fixture.DisposeAsync();
    }

    /// <summary>True when the delivery acknowledged the job (it is deleted); false when it goes back to the queue.</summary>
    private async Task<bool> Deliver(Guid paymentId, int receive)
    {
        Deliveries++;
        try
        {
            return await Fixture.Time.Pump(Handler.Handle(WorkerHarness.Delivery(paymentId, receive), CancellationToken.None)) is JobDisposition.Acknowledge;
        }
        catch (WorkerDiedException)
        {
            WorkerDeaths++;
            return false;
        }
    }
}

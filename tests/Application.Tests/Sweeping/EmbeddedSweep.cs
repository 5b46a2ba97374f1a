using Microsoft.Extensions.Logging.Abstractions;
using Payments.Application.Consumers;
using Payments.Application.Jobs;
using Payments.Application.Sweeping;
using Payments.Application.Worker;
using Payments.Embedded.Consumers;
using Payments.Embedded.Jobs;
using Payments.Embedded.Projections;
using Payments.Projections.Projector;
using Payments.TestServices;

namespace Payments.Application.Tests.Sweeping;

/// <summary>
/// The embedded column as <c>serve</c> wires it, on one fake clock: ledger, job queue, worker pump over scripted ramps,
/// the projection into the read model, and the sweeper over that read model and queue.
/// </summary>
public sealed class EmbeddedSweep : IAsyncDisposable
{
    public static readonly SweeperOptions Options = new() { StallAfter = TimeSpan.FromMinutes(2), Interval = TimeSpan.FromSeconds(30), BatchSize = 50 };

    private readonly SqliteConsumerStore _consumers;
    private readonly EventLogSubscription _projection;

    private EmbeddedSweep(LedgerFixture fixture)
    {
        Fixture = fixture;
        Queue = SqlitePaymentJobQueue.Open(fixture.Directory.File(SqlitePaymentJobQueue.FileName), fixture.Time, new EmbeddedQueueOptions());
        ReadModel = SqlitePaymentReadModel.Open(fixture.Directory.File(SqlitePaymentReadModel.DefaultFileName));
        _consumers = SqliteConsumerStore.Open(fixture.Directory.File(SqlitePaymentReadModel.DefaultFileName), fixture.Time);
        _projection = new EventLogSubscription(
            new PaymentProjectionConsumer(new PaymentProjector(fixture.Store), ReadModel), fixture.Store, _consumers, _consumers,
            PaymentProjectionConsumer.Policy, fixture.Time, NullLogger.Instance);
        var handler = new PaymentJobHandler(
            fixture.Ledger, Ramps, Ramps, new WorkerOptions { RampBackoff = TimeSpan.FromMilliseconds(10) }, fixture.Time, NullLogger<PaymentJobHandler>.Instance);
        Pump = new PaymentJobPump(Queue, handler, fixture.Time, NullLogger<PaymentJobPump>.Instance);
        Sweeper = new StalledPaymentSweeper(ReadModel, Queue, Options, fixture.Time, NullLogger<StalledPaymentSweeper>.Instance);
    }

    public LedgerFixture Fixture { get; }

    public ScriptedRamps Ramps { get; } = new();

    public SqlitePaymentJobQueue Queue { get; }

    public SqlitePaymentReadModel ReadModel { get; }

    public PaymentJobPump Pump { get; }

    public StalledPaymentSweeper Sweeper { get; }

    public static EmbeddedSweep Create() => new(LedgerFixture.Create());

    /// <summary>A new payment and the job its request dispatches.</summary>
    public async Task<Guid> Request()
    {
        var id = await Fixture.RequestPayment();
        await Queue.Dispatch([new PaymentJob(id)], CancellationToken.None);
        return id;
    }

    /// <summary>One receive and its verdict; false when no job was visible.</summary>
    public Task<bool> ProcessNext() => Fixture.Time.Pump(Pump.ProcessNext(TimeSpan.Zero, CancellationToken.None));

    /// <summary>Brings the read model up to the log, as the projection tailer does in the background.</summary>
    public Task Project() => _projection.CatchUp(CancellationToken.None);

    public Task<int> Sweep() => Sweeper.Sweep(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Queue.DisposeAsync();
        await _consumers.DisposeAsync();
        await Fixture.DisposeAsync();
    }
}

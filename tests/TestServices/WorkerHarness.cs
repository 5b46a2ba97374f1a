using Microsoft.Extensions.Logging.Abstractions;
using Payments.Application.Jobs;
using Payments.Application.Worker;

namespace Payments.TestServices;

/// <summary>A handler over a real ledger and scripted ramps, and deliveries shaped like a queue's.</summary>
public sealed class WorkerHarness : IAsyncDisposable
{
    private WorkerHarness(LedgerFixture ledger, ScriptedRamps ramps)
    {
        Fixture = ledger;
        Ramps = ramps;
        Handler = new PaymentJobHandler(ledger.Ledger, ramps, ramps, Options, ledger.Time, NullLogger<PaymentJobHandler>.Instance);
    }

    public static WorkerOptions Options { get; } = new();

    public LedgerFixture Fixture { get; }

    public ScriptedRamps Ramps { get; }

    public PaymentJobHandler Handler { get; }

    public static WorkerHarness Create() => new(LedgerFixture.Create(), new ScriptedRamps());

    public static JobReceipt Delivery(Guid paymentId, int receiveCount = 1) => Delivery(new PaymentJob(paymentId).ToJson(), receiveCount);

    public static JobReceipt Delivery(string body, int receiveCount = 1) =>
        new(Guid.NewGuid().ToString("D"), Guid.NewGuid().ToString("N"), body, receiveCount);

    public Task<JobDisposition> Handle(JobReceipt receipt) => Fixture.Time.Pump(Handler.Handle(receipt, CancellationToken.None));

    public async ValueTask DisposeAsync() => await Fixture.DisposeAsync();
}

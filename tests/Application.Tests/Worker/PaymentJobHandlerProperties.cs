using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Logging.Abstractions;
using Payments.Domain.Ramps;
using Payments.Domain.State;
using Payments.Application.Ramps.Sandbox;
using Payments.Embedded.Ramps;
using Payments.TestServices;
using Payments.Application.Worker;

namespace Payments.Application.Tests.Worker;

public sealed class PaymentJobHandlerProperties
{
    private static readonly Gen<(double FailureRate, int Seed, List<(int Job, int ReceiveCount)> Deliveries)> Scenarios =
        from failureRate in Gen.Elements(0d, 0.3d, 0.7d, 1d)
        from seed in Gen.Choose(0, 10_000)
        from deliveries in Gen.Choose(0, 2).Zip(Gen.Choose(1, 3)).ListOf().Select(l => l.Take(8).ToList())
        select (failureRate, seed, deliveries);

    [FsCheck.Xunit.Property(MaxTest = 25)]
    public Property Any_order_of_duplicate_and_redelivered_jobs_with_transient_faults_never_converts_a_leg_twice() =>
        Prop.ForAll(Arb.From(Scenarios), scenario =>
        {
            var fixture = LedgerFixture.Create();
            var log = RampTransactionLog.Open(fixture.Directory.File(RampTransactionLog.FileName), fixture.Time);
            try
            {
                var ramps = new MockRampProvider(log, new MockRampOptions { FailureRate = scenario.FailureRate, Seed = scenario.Seed }, fixture.Time);
                var handler = new PaymentJobHandler(fixture.Ledger, ramps, ramps, new WorkerOptions(), fixture.Time, NullLogger<PaymentJobHandler>.Instance);
                var id = Run(fixture.RequestPayment());
                foreach (var (job, receiveCount) in scenario.Deliveries)
                {
                    var delivery = WorkerHarness.Delivery(id, receiveCount) with { MessageId = $"job-{job}" };
                    Run(fixture.Time.Pump(handler.Handle(delivery, CancellationToken.None)));
                }

                var payment = Run(fixture.Load(id));
                var recorded = Run(log.Usage(CancellationToken.None));
                return recorded.All(u => u.Executions <= 1)
                    && Matches(payment.OnRampTxId, Run(log.FindAndCountCall(RampRequestKey.For(id, RampLeg.OnRamp), CancellationToken.None)))
                    && Matches(payment.OffRampTxId, Run(log.FindAndCountCall(RampRequestKey.For(id, RampLeg.OffRamp), CancellationToken.None)))
                    && (payment.Status != PaymentStatus.Completed || (payment.OnRampTxId is not null && payment.OffRampTxId is not null));
            }
            finally
            {
                Run(log.DisposeAsync().AsTask());
                Run(fixture.DisposeAsync().AsTask());
            }
        });

    /// <summary>The ledger holds exactly the provider's transaction for a leg, or none when the leg never settled.</summary>
    private static bool Matches(string? ledgerTxId, RampTransaction? providerTransaction) =>
        ledgerTxId is null || string.Equals(ledgerTxId, providerTransaction?.TransactionId, StringComparison.Ordinal);

    private static T Run<T>(Task<T> task) => task.GetAwaiter().GetResult();

    private static void Run(Task task) => task.GetAwaiter().GetResult();
}

using Microsoft.Extensions.Logging.Abstractions;
using Payments.Domain.Decisions;
using Payments.Domain.State;
using Payments.EventStore.Contract;
using Payments.Application.Jobs;
using Payments.Embedded.Jobs;
using Payments.TestServices;
using Payments.Application.Worker;

namespace Payments.Application.Tests.Worker;

public sealed class DeadLetterReaperTests
{
    private static readonly EventMetadata Crash = new("test", null, "crashed-worker");

    [Fact]
    public async Task Job_dead_lettered_after_a_worker_died_on_every_receive_fails_its_processing_payment()
    {
        await using var ledger = LedgerFixture.Create();
        await using var queue = Queue(ledger);
        var id = await ledger.RequestPayment();
        await ledger.Ledger.Execute(id, new PaymentCommand.StartProcessing(), Crash, CancellationToken.None);
        await queue.Enqueue(new PaymentJob(id), CancellationToken.None);
        await ReceiveAndDieThreeTimes(ledger, queue);

        var failed = await Reaper(ledger, queue).SettleDeadLetters(CancellationToken.None);

        Assert.Equal(1, failed);
        var payment = await ledger.Load(id);
        Assert.Equal(PaymentStatus.Failed, payment.Status);
        Assert.Equal("job dead-lettered after 3 receives without finishing", payment.ErrorMessage);
        Assert.Empty(await queue.ReadUnsettledDeadLetters(CancellationToken.None));
    }

    [Fact]
    public async Task Dead_letter_of_a_payment_already_failed_by_the_worker_changes_nothing()
    {
        await using var ledger = LedgerFixture.Create();
        await using var queue = Queue(ledger);
        var id = await ledger.RequestPayment();
        await ledger.Ledger.Execute(id, new PaymentCommand.FailPayment("gave up after 3 attempts: on-ramp unavailable"), Crash, CancellationToken.None);
        await queue.Enqueue(new PaymentJob(id), CancellationToken.None);
        await ReceiveAndDieThreeTimes(ledger, queue);
        var version = (await ledger.Load(id)).Version;

        var failed = await Reaper(ledger, queue).SettleDeadLetters(CancellationToken.None);

        Assert.Equal(0, failed);
        Assert.Equal(version, (await ledger.Load(id)).Version);
    }

    [Fact]
    public async Task Dead_letter_for_an_unknown_payment_is_settled_and_kept_for_the_operator()
    {
        await using var ledger = LedgerFixture.Create();
        await using var queue = Queue(ledger);
        await queue.Enqueue(new PaymentJob(Guid.NewGuid()), CancellationToken.None);
        await ReceiveAndDieThreeTimes(ledger, queue);

        await Reaper(ledger, queue).SettleDeadLetters(CancellationToken.None);

        Assert.Single(await queue.ReadDeadLetters(CancellationToken.None));
        Assert.Empty(await queue.ReadUnsettledDeadLetters(CancellationToken.None));
    }

    private static async Task ReceiveAndDieThreeTimes(LedgerFixture ledger, SqlitePaymentJobQueue queue)
    {
        for (var receive = 0; receive < 3; receive++)
        {
            Assert.NotNull(await queue.Receive(TimeSpan.Zero, CancellationToken.None));
            ledger.Time.Advance(TimeSpan.FromSeconds(300));
        }

        Assert.Null(await queue.Receive(TimeSpan.Zero, CancellationToken.None));
    }

    private static SqlitePaymentJobQueue Queue(LedgerFixture ledger) =>
        SqlitePaymentJobQueue.Open(ledger.Directory.File(SqlitePaymentJobQueue.FileName), ledger.Time, new EmbeddedQueueOptions());

    private static DeadLetterReaper Reaper(LedgerFixture ledger, SqlitePaymentJobQueue queue) =>
        new(queue, ledger.Ledger, ledger.Time, NullLogger<DeadLetterReaper>.Instance);
}

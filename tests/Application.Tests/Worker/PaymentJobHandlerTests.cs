using Payments.Domain.Decisions;
using Payments.Domain.Ramps;
using Payments.Domain.State;
using Payments.EventStore.Contract;
using Payments.Application.Worker;
using Payments.TestServices;
using static Payments.TestServices.ScriptedRamps;

namespace Payments.Application.Tests.Worker;

public sealed class PaymentJobHandlerTests
{
    private static readonly EventMetadata Crash = new("test", null, "crashed-worker");

    [Fact]
    public async Task Pending_payment_runs_both_legs_and_completes_with_both_transaction_ids()
    {
        await using var worker = WorkerHarness.Create();
        worker.Ramps.OnRamp(Settles("onr-1", 108.000000m, 1.08m)).OffRamp(Settles("ofr-1", 100.00m, 0.92592593m));
        var id = await worker.Fixture.RequestPayment(100.00m, "EUR");

        var disposition = await worker.Handle(WorkerHarness.Delivery(id));

        Assert.IsType<JobDisposition.Acknowledge>(disposition);
        var payment = await worker.Fixture.Load(id);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Equal("onr-1", payment.OnRampTxId);
        Assert.Equal("ofr-1", payment.OffRampTxId);
        Assert.Equal(108.000000m, payment.StablecoinAmount);
        Assert.Equal(100.00m, payment.PayoutAmount);
    }

    [Fact]
    public async Task On_ramp_refusal_fails_the_payment_without_calling_the_off_ramp()
    {
        await using var worker = WorkerHarness.Create();
        worker.Ramps.OnRamp(Refuses("source account frozen"));
        var id = await worker.Fixture.RequestPayment();

        var disposition = await worker.Handle(WorkerHarness.Delivery(id));

        Assert.IsType<JobDisposition.Acknowledge>(disposition);
        var payment = await worker.Fixture.Load(id);
        Assert.Equal(PaymentStatus.Failed, payment.Status);
        Assert.Equal(PaymentErrorCodes.OnRampRefused, payment.ErrorCode);
        Assert.Equal(PaymentErrorCodes.MessageFor(PaymentErrorCodes.OnRampRefused), payment.ErrorMessage);
        Assert.Equal("source account frozen", payment.OnRampFailure);
        Assert.Equal(0, worker.Ramps.CallsFor(id, RampLeg.OffRamp));
    }

    [Fact]
    public async Task Off_ramp_refusal_reverses_the_stablecoin_to_the_source_account_and_fails_the_payment()
    {
        await using var worker = WorkerHarness.Create();
        worker.Ramps.OffRamp(Refuses("destination bank rejected payout"), Settles("rev-1", 99.99m, 0.9259m));
        var id = await worker.Fixture.RequestPayment();

        var disposition = await worker.Handle(WorkerHarness.Delivery(id));

        Assert.IsType<JobDisposition.Acknowledge>(disposition);
        var payment = await worker.Fixture.Load(id);
        Assert.Equal(PaymentStatus.Failed, payment.Status);
        Assert.NotNull(payment.OnRampTxId);
        Assert.Null(payment.OffRampTxId);
        Assert.Equal("rev-1", payment.ReversalTxId);
        Assert.Equal(99.99m, payment.ReversedAmount);
        Assert.Equal(PaymentErrorCodes.PayoutFailedFundsReturned, payment.ErrorCode);
        Assert.DoesNotContain("destination bank", payment.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("destination bank rejected payout", payment.OffRampFailure);
        Assert.Equal(1, worker.Ramps.CallsFor(id, RampLeg.Reversal));
    }

    [Fact]
    public async Task Transient_ramp_fault_is_retried_with_backoff_then_succeeds_in_the_same_delivery()
    {
        await using var worker = WorkerHarness.Create();
        worker.Ramps.OnRamp(Unavailable(), Unavailable(), Settles("onr-after-retries", 108m, 1.08m));
        var id = await worker.Fixture.RequestPayment();

        var disposition = await worker.Handle(WorkerHarness.Delivery(id));

        Assert.IsType<JobDisposition.Acknowledge>(disposition);
        Assert.Equal(3, worker.Ramps.CallsFor(id, RampLeg.OnRamp));
        Assert.Equal("onr-after-retries", (await worker.Fixture.Load(id)).OnRampTxId);
    }

    [Fact]
    public async Task Ramp_still_down_after_retries_releases_the_job_and_leaves_the_payment_processing()
    {
        await using var worker = WorkerHarness.Create();
        worker.Ramps.OnRamp(Unavailable(), Unavailable(), Unavailable());
        var id = await worker.Fixture.RequestPayment();

        var disposition = await worker.Handle(WorkerHarness.Delivery(id, receiveCount: 1));

        var release = Assert.IsType<JobDisposition.Release>(disposition);
        Assert.True(release.Delay > TimeSpan.Zero);
        Assert.Equal(PaymentStatus.Processing, (await worker.Fixture.Load(id)).Status);
    }

    [Fact]
    public async Task Third_receive_on_which_the_on_ramp_is_still_unavailable_fails_the_payment_with_nothing_converted()
    {
        await using var worker = WorkerHarness.Create();
        worker.Ramps.OnRamp(Unavailable(), Unavailable(), Unavailable());
        var id = await worker.Fixture.RequestPayment();
        await worker.Fixture.Ledger.Execute(id, new PaymentCommand.StartProcessing(), Crash, CancellationToken.None);

        var disposition = await worker.Handle(WorkerHarness.Delivery(id, receiveCount: 3));

        Assert.IsType<JobDisposition.Acknowledge>(disposition);
        var payment = await worker.Fixture.Load(id);
        Assert.Equal(PaymentStatus.Failed, payment.Status);
        Assert.Equal(PaymentErrorCodes.OnRampUnavailable, payment.ErrorCode);
        Assert.StartsWith("on-ramp unavailable after 3 calls: ", payment.OnRampFailure, StringComparison.Ordinal);
        Assert.Null(payment.OnRampTxId);
    }

    [Fact]
    public async Task Last_receive_that_meets_an_open_circuit_leaves_the_payment_processing_and_comes_back_after_the_break()
    {
        await using var worker = WorkerHarness.Create();
        worker.Ramps.OnRamp(Enumerable.Range(0, 21).Select(_ => Unavailable()).ToArray());
        for (var job = 0; job < 7; job++)
        {
            await worker.Handle(WorkerHarness.Delivery(await worker.Fixture.RequestPayment(), receiveCount: 1));
        }

        var id = await worker.Fixture.RequestPayment();
        var disposition = await worker.Handle(WorkerHarness.Delivery(id, receiveCount: 3));

        var release = Assert.IsType<JobDisposition.Release>(disposition);
        Assert.True(release.Delay >= TimeSpan.FromSeconds(5), $"released for {release.Delay}, shorter than the circuit's break");
        Assert.Equal(PaymentStatus.Processing, (await worker.Fixture.Load(id)).Status);
        Assert.Equal(0, worker.Ramps.CallsFor(id, RampLeg.OnRamp));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Terminal_payment_is_acknowledged_without_any_ramp_call(bool completed)
    {
        await using var worker = WorkerHarness.Create();
        var id = await worker.Fixture.RequestPayment();
        await worker.Fixture.Ledger.Execute(id, new PaymentCommand.StartProcessing(), Crash, CancellationToken.None);
        if (completed)
        {
            await worker.Fixture.Ledger.Execute(id, new PaymentCommand.CompleteOnRamp("onr-x", 108m, 1.08m), Crash, CancellationToken.None);
            await worker.Fixture.Ledger.Execute(id, new PaymentCommand.CompleteOffRamp("ofr-x", 100m, 0.9259m), Crash, CancellationToken.None);
        }
        else
        {
            await worker.Fixture.Ledger.Execute(id, new PaymentCommand.FailPayment("operator cancelled"), Crash, CancellationToken.None);
        }

        var versionBefore = (await worker.Fixture.Load(id)).Version;
        var disposition = await worker.Handle(WorkerHarness.Delivery(id, receiveCount: 2));

        Assert.IsType<JobDisposition.Acknowledge>(disposition);
        Assert.Empty(worker.Ramps.Calls);
        Assert.Equal(versionBefore, (await worker.Fixture.Load(id)).Version);
    }

    [Fact]
    public async Task Redelivery_after_a_crash_between_legs_resumes_at_the_off_ramp()
    {
        await using var worker = WorkerHarness.Create();
        var id = await worker.Fixture.RequestPayment();
        await worker.Fixture.Ledger.Execute(id, new PaymentCommand.StartProcessing(), Crash, CancellationToken.None);
        await worker.Fixture.Ledger.Execute(id, new PaymentCommand.CompleteOnRamp("onr-before-crash", 108m, 1.08m), Crash, CancellationToken.None);

        var disposition = await worker.Handle(WorkerHarness.Delivery(id, receiveCount: 2));

        Assert.IsType<JobDisposition.Acknowledge>(disposition);
        Assert.Equal(0, worker.Ramps.CallsFor(id, RampLeg.OnRamp));
        Assert.Equal(1, worker.Ramps.CallsFor(id, RampLeg.OffRamp));
        var payment = await worker.Fixture.Load(id);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Equal("onr-before-crash", payment.OnRampTxId);
    }

    [Fact]
    public async Task Redelivery_after_a_crash_before_the_on_ramp_resumes_with_the_same_request_key()
    {
        await using var worker = WorkerHarness.Create();
        var id = await worker.Fixture.RequestPayment();
        await worker.Fixture.Ledger.Execute(id, new PaymentCommand.StartProcessing(), Crash, CancellationToken.None);

        await worker.Handle(WorkerHarness.Delivery(id, receiveCount: 2));

        Assert.Equal(PaymentStatus.Completed, (await worker.Fixture.Load(id)).Status);
        Assert.Equal(1, worker.Ramps.CallsFor(id, RampLeg.OnRamp));
        Assert.Equal(1, worker.Ramps.CallsFor(id, RampLeg.OffRamp));
        Assert.Equal(2, worker.Ramps.Calls.Count);
    }

    [Fact]
    public async Task Two_workers_racing_on_one_payment_append_each_step_once_under_one_request_key_per_leg()
    {
        await using var worker = WorkerHarness.Create();
        var id = await worker.Fixture.RequestPayment();

        var dispositions = await StartingGun.Race(2, _ => worker.Handle(WorkerHarness.Delivery(id)));

        Assert.All(dispositions, d => Assert.IsType<JobDisposition.Acknowledge>(d));
        Assert.Equal(
            [RampRequestKey.For(id, RampLeg.OffRamp).Value, RampRequestKey.For(id, RampLeg.OnRamp).Value],
            worker.Ramps.Calls.Keys.Order(StringComparer.Ordinal));
        var history = await worker.Fixture.Store.ReadStream(StreamId.For(id), 1, CancellationToken.None);
        Assert.Equal(["PaymentRequested", "PaymentProcessingStarted", "OnRampCompleted", "OffRampCompleted", "PaymentCompleted"], history.Select(e => e.Type));
    }

    [Fact]
    public async Task Duplicate_delivery_after_completion_never_converts_again()
    {
        await using var worker = WorkerHarness.Create();
        var id = await worker.Fixture.RequestPayment();

        await worker.Handle(WorkerHarness.Delivery(id));
        var duplicate = await worker.Handle(WorkerHarness.Delivery(id));

        Assert.IsType<JobDisposition.Acknowledge>(duplicate);
        Assert.Equal(1, worker.Ramps.CallsFor(id, RampLeg.OnRamp));
        Assert.Equal(1, worker.Ramps.CallsFor(id, RampLeg.OffRamp));
    }

    [Fact]
    public async Task First_delivery_of_a_job_whose_payment_another_delivery_started_still_advances_it()
    {
        await using var worker = WorkerHarness.Create();
        var id = await worker.Fixture.RequestPayment();
        await worker.Fixture.Ledger.Execute(id, new PaymentCommand.StartProcessing(), Crash, CancellationToken.None);

        var disposition = await worker.Handle(WorkerHarness.Delivery(id, receiveCount: 1));

        Assert.IsType<JobDisposition.Acknowledge>(disposition);
        Assert.Equal(PaymentStatus.Completed, (await worker.Fixture.Load(id)).Status);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"payment_id\": 42}")]
    [InlineData("{}")]
    [InlineData("")]
    [InlineData("{\"paymentId\": \"0199a3a8-0000-7000-8000-000000000001\"}")]
    public async Task Malformed_job_is_released_for_the_dead_letter_queue_not_dropped(string body)
    {
        await using var worker = WorkerHarness.Create();

        var disposition = await worker.Handle(WorkerHarness.Delivery(body));

        Assert.IsType<JobDisposition.Release>(disposition);
        Assert.Empty(worker.Ramps.Calls);
    }

    [Fact]
    public async Task Oversized_job_body_is_released_not_parsed()
    {
        await using var worker = WorkerHarness.Create();
        var body = "{\"payment_id\":\"" + Guid.NewGuid() + "\",\"padding\":\"" + new string('x', 300 * 1024) + "\"}";

        var disposition = await worker.Handle(WorkerHarness.Delivery(body));

        Assert.Contains("larger than", Assert.IsType<JobDisposition.Release>(disposition).Why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Job_for_an_unknown_payment_is_released_so_it_ends_in_the_dead_letter_queue()
    {
        await using var worker = WorkerHarness.Create();

        var disposition = await worker.Handle(WorkerHarness.Delivery(Guid.NewGuid()));

        Assert.Contains("does not exist", Assert.IsType<JobDisposition.Release>(disposition).Why, StringComparison.Ordinal);
        Assert.Empty(worker.Ramps.Calls);
    }

    [Fact]
    public async Task Job_body_with_unknown_extra_fields_is_still_processed()
    {
        await using var worker = WorkerHarness.Create();
        var id = await worker.Fixture.RequestPayment();

        var disposition = await worker.Handle(WorkerHarness.Delivery($"{{\"payment_id\":\"{id}\",\"trace\":\"abc\"}}"));

        Assert.IsType<JobDisposition.Acknowledge>(disposition);
        Assert.Equal(PaymentStatus.Completed, (await worker.Fixture.Load(id)).Status);
    }
}

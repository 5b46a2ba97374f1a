using Microsoft.Extensions.Time.Testing;
using Payments.Domain.Ramps;
using Payments.Application.Ramps.Sandbox;
using Payments.Embedded.Ramps;
using Payments.TestServices;

namespace Payments.Embedded.Tests.Ramps;

public sealed class MockRampProviderTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = Clock.Fake();

    [Fact]
    public async Task Repeated_request_key_returns_the_original_transaction_and_converts_once()
    {
        await using var log = OpenLog();
        var ramps = Provider(log);
        var request = OnRamp(Guid.NewGuid(), 100.00m, "EUR");

        var first = await _time.Pump(ramps.Convert(request, CancellationToken.None));
        var second = await _time.Pump(ramps.Convert(request, CancellationToken.None));

        Assert.Equal(first, second);
        var usage = Assert.Single(await log.Usage(CancellationToken.None));
        Assert.Equal((2L, 1L), (usage.Calls, usage.Executions));
    }

    [Fact]
    public async Task Idempotency_survives_a_restart_of_the_provider()
    {
        var request = OnRamp(Guid.NewGuid(), 100.00m, "EUR");
        RampResult before;
        await using (var log = OpenLog())
        {
            before = await _time.Pump(Provider(log).Convert(request, CancellationToken.None));
        }

        await using var reopened = OpenLog();
        var after = await _time.Pump(Provider(reopened).Convert(request, CancellationToken.None));

        Assert.Equal(before, after);
        Assert.Equal(1, Assert.Single(await reopened.Usage(CancellationToken.None)).Executions);
    }

    [Fact]
    public async Task Concurrent_calls_with_one_key_settle_one_transaction()
    {
        await using var log = OpenLog();
        var ramps = Provider(log);
        var request = OffRamp(Guid.NewGuid(), 108m, "EUR");

        var results = await _time.Pump(StartingGun.Race(4, _ => ramps.Payout(request, CancellationToken.None)));

        Assert.Single(results.Distinct());
        Assert.Equal(1, Assert.Single(await log.Usage(CancellationToken.None)).Executions);
    }

    [Fact]
    public async Task Converts_at_the_fixed_decimal_rate_each_way()
    {
        await using var log = OpenLog();
        var ramps = Provider(log);
        var id = Guid.NewGuid();

        var on = Assert.IsType<RampResult.Settled>(await _time.Pump(ramps.Convert(OnRamp(id, 250.00m, "EUR"), CancellationToken.None)));
        var off = Assert.IsType<RampResult.Settled>(await _time.Pump(ramps.Payout(OffRamp(id, on.Amount, "EUR"), CancellationToken.None)));

        Assert.Equal((270.000000m, 1.08m), (on.Amount, on.Rate));
        Assert.Equal(250.00m, off.Amount);
        Assert.StartsWith("onr_", on.TransactionId, StringComparison.Ordinal);
        Assert.StartsWith("ofr_", off.TransactionId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsupported_currency_is_a_permanent_refusal()
    {
        await using var log = OpenLog();

        var result = await _time.Pump(Provider(log).Convert(OnRamp(Guid.NewGuid(), 10m, "XTS"), CancellationToken.None));

        Assert.IsType<RampResult.Refused>(result);
    }

    [Fact]
    public async Task Failure_rate_one_fails_every_call_transiently_and_records_nothing()
    {
        await using var log = OpenLog();
        var ramps = Provider(log, failureRate: 1.0);

        await Assert.ThrowsAsync<RampUnavailableException>(() => _time.Pump(ramps.Convert(OnRamp(Guid.NewGuid(), 10m, "USD"), CancellationToken.None)));
        Assert.Empty(await log.Usage(CancellationToken.None));
    }

    [Fact]
    public async Task Call_takes_its_latency_on_the_injected_clock()
    {
        await using var log = OpenLog();
        var call = Provider(log).Convert(OnRamp(Guid.NewGuid(), 10m, "USD"), CancellationToken.None);

        Assert.False(call.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(300));

        Assert.IsType<RampResult.Settled>(await call);
    }

    public void Dispose() => _directory.Dispose();

    private RampTransactionLog OpenLog() => RampTransactionLog.Open(_directory.File(RampTransactionLog.FileName), _time);

    private MockRampProvider Provider(RampTransactionLog log, double failureRate = 0) =>
        new(log, new MockRampOptions { FailureRate = failureRate, Seed = 7 }, _time);

    private static OnRampRequest OnRamp(Guid id, decimal amount, string currency) =>
        new(RampRequestKey.For(id, RampLeg.OnRamp), amount, currency, "DE89370400440532013000");

    private static OffRampRequest OffRamp(Guid id, decimal amount, string currency) =>
        new(RampRequestKey.For(id, RampLeg.OffRamp), amount, currency, "MX-CLABE-032180000118359719");
}

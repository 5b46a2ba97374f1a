using Payments.Application.Ramps.Sandbox;
using Payments.Aws.EventStore;
using Payments.Aws.Ramps;
using Payments.Domain.Ramps;
using Payments.TestServices;

namespace Payments.Aws.Tests.Ramps;

/// <summary>The sandbox ramps' shared memory on DynamoDB Local: what makes the cloud worker convert each leg at most once.</summary>
public sealed class DynamoDbRampExecutionLogTests(DynamoDbLocalFixture dynamo) : IClassFixture<DynamoDbLocalFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Midnight = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly string _table = DynamoDbLocal.UniquePrefix() + DynamoDbRampExecutionLog.DefaultTableName;

    public Task InitializeAsync() => DynamoDbTables.EnsureCreated(dynamo.Client, DynamoDbRampExecutionLog.Table(_table), CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task First_execution_stands_and_a_second_one_for_the_same_key_gets_it_back()
    {
        var log = new DynamoDbRampExecutionLog(dynamo.Client, _table);
        var key = RampRequestKey.For(Guid.NewGuid(), RampLeg.OnRamp);

        Assert.Null(await log.FindAndCountCall(key, CancellationToken.None));
        var first = await log.Record(new RampTransaction(key.Value, RampLeg.OnRamp, "onr-1", 108m, 1.08m, null, null, null), CancellationToken.None);
        var second = await log.Record(new RampTransaction(key.Value, RampLeg.OnRamp, "onr-2", 999m, 9m, null, null, null), CancellationToken.None);
        var found = await log.FindAndCountCall(key, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(first, found);
        Assert.Equal((3L, 1L), (await log.Usage(key.Value, CancellationToken.None))!.Value);
    }

    [Fact]
    public async Task Racing_instances_record_one_transaction_per_key()
    {
        var log = new DynamoDbRampExecutionLog(dynamo.Client, _table);
        var key = RampRequestKey.For(Guid.NewGuid(), RampLeg.OffRamp);

        var outcomes = await StartingGun.Race(8, i => log.Record(new RampTransaction(key.Value, RampLeg.OffRamp, "ofr-" + i, 100m + i, 1m, null, null, null), CancellationToken.None));

        Assert.Single(outcomes.Distinct());
        Assert.Equal(1L, (await log.Usage(key.Value, CancellationToken.None))!.Value.Executions);
    }

    [Fact]
    public async Task Refusal_is_remembered_with_its_reason()
    {
        var log = new DynamoDbRampExecutionLog(dynamo.Client, _table);
        var key = RampRequestKey.For(Guid.NewGuid(), RampLeg.OnRamp);

        await log.Record(new RampTransaction(key.Value, RampLeg.OnRamp, null, 0m, 0m, "currency XTS is not supported", null, null), CancellationToken.None);

        Assert.Equal(new RampResult.Refused("currency XTS is not supported"), (await log.FindAndCountCall(key, CancellationToken.None))!.ToResult());
    }

    [Fact]
    public async Task Transaction_keeps_its_currency_and_exact_execution_time()
    {
        var log = new DynamoDbRampExecutionLog(dynamo.Client, _table);
        var key = RampRequestKey.For(Guid.NewGuid(), RampLeg.OffRamp);
        var executed = new RampTransaction(key.Value, RampLeg.OffRamp, "ofr-1", 100.00m, 0.92592593m, null, "EUR", Midnight.AddTicks(-1234567));

        await log.Record(executed, CancellationToken.None);

        Assert.Equal(executed, await log.Find(key, CancellationToken.None));
    }

    [Fact]
    public async Task Statement_of_a_window_across_midnight_lists_its_executions_in_time_order_and_no_refusal()
    {
        var log = new DynamoDbRampExecutionLog(dynamo.Client, _table);
        var from = Midnight.AddHours(-2);
        var to = Midnight.AddHours(2);
        await Executed(log, "tx-before", from.AddTicks(-1));
        await Executed(log, "tx-after-midnight", Midnight.AddMinutes(1));
        await Executed(log, "tx-start", from);
        await Executed(log, "tx-before-midnight", Midnight.AddTicks(-1));
        await Executed(log, "tx-last", to.AddTicks(-1));
        await Executed(log, "tx-end", to);
        await log.Record(new RampTransaction(RampRequestKey.For(Guid.NewGuid(), RampLeg.OnRamp).Value, RampLeg.OnRamp, null, 0m, 0m, "refused", null, null), CancellationToken.None);

        var statement = await new MockRampProvider(log, new MockRampOptions(), TimeProvider.System).Statement(from, to, CancellationToken.None);

        Assert.Equal(["tx-start", "tx-before-midnight", "tx-after-midnight", "tx-last"], statement.Select(l => l.TransactionId));
        Assert.All(statement, l => Assert.Equal(("USDC", 1.5m), (l.Currency, l.Amount)));
    }

    private static Task<RampTransaction> Executed(DynamoDbRampExecutionLog log, string transactionId, DateTimeOffset at) =>
        log.Record(new RampTransaction(RampRequestKey.For(Guid.NewGuid(), RampLeg.OnRamp).Value, RampLeg.OnRamp, transactionId, 1.5m, 1m, null, "USDC", at), CancellationToken.None);
}

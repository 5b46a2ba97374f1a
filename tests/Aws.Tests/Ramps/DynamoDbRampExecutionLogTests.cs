using Payments.Application.Ramps.Sandbox;
using Payments.Aws.EventStore;
using Payments.Aws.Ramps;
using Payments.Domain.Ramps;
using Payments.TestServices;

namespace Payments.Aws.Tests.Ramps;

/// <summary>The sandbox ramps' shared memory on DynamoDB Local: what makes the cloud worker convert each leg at most once.</summary>
public sealed class DynamoDbRampExecutionLogTests(DynamoDbLocalFixture dynamo) : IClassFixture<DynamoDbLocalFixture>, IAsyncLifetime
{
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
}

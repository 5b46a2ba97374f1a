using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Payments.Application.Jobs;
using Payments.Application.Sweeping;
using Payments.Aws.Projections;
using Payments.Aws.Sqs;
using Payments.Domain.State;
using Payments.Projections.ReadModel;
using Payments.TestServices;

namespace Payments.Aws.Tests.Sweeping;

/// <summary>The cloud sweeper's parts: the sparse open_by_idle index in DynamoDB Local and the payment queue in fauxqs.</summary>
public sealed class DynamoDbStalledPaymentsTests(DynamoDbLocalFixture dynamo, Fauxqs fauxqs) : IClassFixture<DynamoDbLocalFixture>, IClassFixture<Fauxqs>
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Only_open_payments_are_in_the_open_index()
    {
        var (table, model) = await NewTable();
        var pending = await Save(model, PaymentStatus.Pending, Now.AddMinutes(-30));
        var processing = await Save(model, PaymentStatus.Processing, Now.AddMinutes(-20));
        await Save(model, PaymentStatus.Completed, Now.AddMinutes(-40));
        await Save(model, PaymentStatus.Failed, Now.AddMinutes(-50));

        Assert.Equal(Sorted([pending, processing]), Sorted(await IndexEntries(table)));
        Assert.Equal([pending, processing], await model.FindStalled(Now, 100, CancellationToken.None));
    }

    [Fact]
    public async Task Payment_that_becomes_terminal_leaves_the_open_index()
    {
        var (table, model) = await NewTable();
        var id = await Save(model, PaymentStatus.Processing, Now.AddHours(-1));
        Assert.Equal([id], await IndexEntries(table));

        var row = (await model.Find(id, CancellationToken.None))!;
        Assert.True(await model.Save(row with { Status = PaymentStatus.Completed, Version = row.Version + 1, ProcessedAt = Now }, row.Version, CancellationToken.None));

        Assert.Empty(await IndexEntries(table));
        Assert.Empty(await model.FindStalled(Now, 100, CancellationToken.None));
    }

    [Fact]
    public async Task Find_stalled_takes_only_payments_idle_longer_than_the_threshold_longest_idle_first()
    {
        var (_, model) = await NewTable();
        var older = await Save(model, PaymentStatus.Processing, Now.AddMinutes(-45));
        var old = await Save(model, PaymentStatus.Pending, Now.AddMinutes(-30));
        var justOver = await Save(model, PaymentStatus.Processing, Now.AddMinutes(-10).AddTicks(-1));
        await Save(model, PaymentStatus.Processing, Now.AddMinutes(-10));
        await Save(model, PaymentStatus.Pending, Now.AddMinutes(-1));

        Assert.Equal([older, old, justOver], await model.FindStalled(Now.AddMinutes(-10), 100, CancellationToken.None));
    }

    [Fact]
    public async Task Find_stalled_follows_pages_up_to_the_limit_and_no_further()
    {
        var (table, _) = await NewTable();
        using var paged = new ShortPageDynamoDbClient(dynamo.Local.ServiceUrl, pageSize: 2);
        var model = new DynamoDbPaymentReadModel(paged, table);
        var ids = new List<Guid>();
        for (var i = 0; i < 9; i++)
        {
            ids.Add(await Save(model, PaymentStatus.Processing, Now.AddMinutes(-60 + i)));
        }

        var queriesBefore = paged.Queries;
        var limited = await model.FindStalled(Now, 5, CancellationToken.None);
        var limitedQueries = paged.Queries - queriesBefore;
        var all = await model.FindStalled(Now, 100, CancellationToken.None);

        Assert.Equal(ids.Take(5), limited);
        Assert.Equal(3, limitedQueries);
        Assert.Equal(ids, all);
    }

    [Fact]
    public async Task Sweep_over_dynamodb_and_sqs_sends_one_job_per_stalled_payment()
    {
        var (_, model) = await NewTable();
        var stalled = new[]
        {
            await Save(model, PaymentStatus.Processing, Now.AddMinutes(-30)),
            await Save(model, PaymentStatus.Pending, Now.AddMinutes(-15)),
        };
        await Save(model, PaymentStatus.Processing, Now.AddMinutes(-1));
        await Save(model, PaymentStatus.Completed, Now.AddHours(-1));
        using var sqs = fauxqs.Client();
        var queues = await SqsPaymentQueues.Ensure(
            sqs, "sweep-" + Guid.NewGuid().ToString("N")[..12], new(StringComparer.Ordinal) { ["ReceiveMessageWaitTimeSeconds"] = "0" }, CancellationToken.None);
        var queue = new SqsPaymentJobQueue(sqs, queues.QueueUrl);
        var time = new FakeTimeProvider(Now);
        var sweeper = new StalledPaymentSweeper(model, queue, new SweeperOptions { StallAfter = TimeSpan.FromMinutes(10) }, time, NullLogger<StalledPaymentSweeper>.Instance);

        var requeued = await sweeper.Sweep(CancellationToken.None);

        var sent = new List<Guid>();
        while (await queue.Receive(TimeSpan.Zero, CancellationToken.None) is { } receipt)
        {
            sent.Add(PaymentJob.TryParse(receipt.Body, out _)!.PaymentId);
        }

        Assert.Equal(2, requeued);
        Assert.Equal(Sorted(stalled), Sorted(sent));
    }

    private async Task<(string Table, DynamoDbPaymentReadModel Model)> NewTable()
    {
        var table = DynamoDbLocal.UniquePrefix() + DynamoDbPaymentsSchema.DefaultTableName;
        await DynamoDbPaymentsSchema.EnsureCreated(dynamo.Client, table, CancellationToken.None);
        return (table, new DynamoDbPaymentReadModel(dynamo.Client, table));
    }

    /// <summary>What the sparse index holds, read straight from it.</summary>
    private async Task<List<Guid>> IndexEntries(string table)
    {
        var scan = await dynamo.Client.ScanAsync(new ScanRequest { TableName = table, IndexName = DynamoDbPaymentsSchema.OpenByIdleIndex });
        return (scan.Items ?? []).Select(i => Guid.Parse(i[DynamoDbPaymentItem.PaymentId].S)).ToList();
    }

    private static async Task<Guid> Save(DynamoDbPaymentReadModel model, PaymentStatus status, DateTimeOffset updatedAt)
    {
        var id = Guid.NewGuid();
        var row = new PaymentRecord(
            id, "client-a", "key-" + id.ToString("N"), 100.00m, "EUR", "DE89370400440532013000", "MX-CLABE-032180000118359719", status,
            null, null, null, null, null, updatedAt.AddSeconds(-1), updatedAt, status is PaymentStatus.Completed or PaymentStatus.Failed ? updatedAt : null, 2);
        Assert.True(await model.Save(row, 0, CancellationToken.None));
        return id;
    }

    private static List<Guid> Sorted(IEnumerable<Guid> ids) => ids.Order().ToList();
}

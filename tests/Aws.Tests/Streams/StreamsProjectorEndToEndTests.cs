using Payments.Domain.Decisions;
using Payments.Domain.Requests;
using Payments.EventStore.Contract;
using Payments.Aws.Streams;
using Payments.Application.Ledger;
using Payments.Aws.Projections;
using Payments.Projections.Projector;
using Payments.Projections.ReadModel;
using Payments.TestServices;

namespace Payments.Aws.Tests.Streams;

/// <summary>
/// Real events table, real stream: payments written through the DynamoDB store are read back from
/// DynamoDB Local's stream, wrapped in Lambda's event shape and fed to the projector handler,
/// which writes a real DynamoDB payments table. Delivery is then made worse (duplicates, shuffles).
/// </summary>
public sealed class StreamsProjectorEndToEndTests(StreamsEndToEndFixture fixture) : IClassFixture<StreamsEndToEndFixture>
{
    private const int Payments = 24;
    private const int LambdaBatchSize = 10;

    [Fact]
    public async Task Stream_records_in_lambda_batches_project_to_the_fold()
    {
        var (ids, records) = await WriteAndReadStream(seed: 1);

        var model = await Project(Batches(records));

        await AssertEqualsFold(model, ids);
    }

    [Fact]
    public async Task Duplicated_batches_and_redelivered_records_project_to_the_fold()
    {
        var (ids, records) = await WriteAndReadStream(seed: 2);
        var random = new Random(2);
        var batches = Batches(records).SelectMany(b => random.Next(2) == 0 ? [b, b] : new[] { b.Concat(b.Take(3)).ToList() }).ToList();

        var model = await Project(batches);

        await AssertEqualsFold(model, ids);
    }

    [Fact]
    public async Task Shuffled_and_duplicated_records_project_to_the_fold()
    {
        var (ids, records) = await WriteAndReadStream(seed: 3);
        var random = new Random(3);
        var shuffled = records.Concat(records.Where(_ => random.Next(3) == 0)).ToArray();
        random.Shuffle(shuffled);

        var model = await Project(Batches(shuffled));

        await AssertEqualsFold(model, ids);
    }

    private async Task<(List<Guid> Ids, List<DynamoDbStreamRecord> Records)> WriteAndReadStream(int seed)
    {
        var ledger = new PaymentLedger(fixture.Store, TimeProvider.System);
        var random = new Random(seed);
        var ids = new List<Guid>();
        for (var i = 0; i < Payments; i++)
        {
            ids.Add(await WritePayment(ledger, random, i));
        }

        using var reader = new DynamoDbStreamsReader(fixture.Local.ServiceUrl);
        var mine = ids.Select(id => id.ToString("D")).ToHashSet();
        var records = (await reader.ReadAll(fixture.StreamArn)).Where(r => mine.Contains(r.Dynamodb!.Keys!["payment_id"].S!)).ToList();
        var expected = 0;
        foreach (var id in ids)
        {
            expected += (await fixture.Store.ReadStream(StreamId.For(id))).Count;
        }

        Assert.Equal(expected, records.Count);
        return (ids, records);
    }

    private static async Task<Guid> WritePayment(PaymentLedger ledger, Random random, int i)
    {
        var metadata = new EventMetadata("corr-" + i, null, "e2e");
        PaymentRequestValidator.Validate(new PaymentRequest(random.Next(1, 100_000) / 100m, "EUR", "IBAN-SRC", "IBAN-DST"), out var request);
        var accepted = (RequestOutcome.Accepted)await ledger.Request("client-e2e", IdempotencyKey.Parse("e2e-" + Guid.NewGuid().ToString("N")), request!, metadata, CancellationToken.None);
        var id = accepted.Payment.PaymentId;
        PaymentCommand[] path = (random.Next(4)) switch
        {
            0 => [],
            1 => [new PaymentCommand.StartProcessing()],
            2 => [new PaymentCommand.StartProcessing(), new PaymentCommand.FailOnRamp("declined")],
            _ => [new PaymentCommand.StartProcessing(), new PaymentCommand.CompleteOnRamp("on-" + i, 10.5m, 1.05m), new PaymentCommand.CompleteOffRamp("off-" + i, 9.75m, 0.93m)],
        };
        foreach (var command in path)
        {
            await ledger.Execute(id, command, metadata, CancellationToken.None);
        }

        return id;
    }

    private async Task<DynamoDbPaymentReadModel> Project(IEnumerable<List<DynamoDbStreamRecord>> batches)
    {
        var table = DynamoDbLocal.UniquePrefix() + DynamoDbPaymentsSchema.DefaultTableName;
        await DynamoDbPaymentsSchema.EnsureCreated(fixture.Client, table, CancellationToken.None);
        var model = new DynamoDbPaymentReadModel(fixture.Client, table);
        var handler = new StreamsConsumerHandler(new PaymentProjectionConsumer(new PaymentProjector(fixture.Store), model));
        foreach (var batch in batches)
        {
            var response = await handler.Handle(LambdaStreamsEvents.Json(batch), CancellationToken.None);
            Assert.Empty(response.BatchItemFailures);
        }

        return model;
    }

    private async Task AssertEqualsFold(IPaymentReadModel model, List<Guid> ids)
    {
        var ledger = new PaymentLedger(fixture.Store, TimeProvider.System);
        foreach (var id in ids)
        {
            Assert.Equal(PaymentRecord.From(await ledger.Load(id, CancellationToken.None)), await model.Find(id, CancellationToken.None));
        }
    }

    private static IEnumerable<List<DynamoDbStreamRecord>> Batches(IEnumerable<DynamoDbStreamRecord> records) =>
        records.Chunk(LambdaBatchSize).Select(c => c.ToList());
}

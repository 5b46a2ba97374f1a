using Payments.Embedded;
using Payments.Domain.Decisions;
using Payments.Domain.Requests;
using Payments.EventStore.Contract;
using Payments.Embedded.EventStore;
using Microsoft.Extensions.Logging.Abstractions;
using Payments.Application.Consumers;
using Payments.Embedded.Consumers;
using Payments.Functions.Cli;
using Payments.Projections.Projector;
using Payments.Application.Ledger;
using Payments.TestServices;
using Payments.Embedded.Projections;
using Payments.Projections.ReadModel;

namespace Payments.Functions.Tests.Cli;

public sealed class ProjectionsCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private string DataDir => _directory.Path;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Rebuild_command_recomputes_the_same_table_the_incremental_projector_built()
    {
        List<Guid> ids;
        List<PaymentRecord?> incremental;
        await using (var store = SqliteEventStore.Open(new DataDirectoryLayout(DataDir).Events, TimeProvider.System))
        {
            var model = SqlitePaymentReadModel.Open(new DataDirectoryLayout(DataDir).ReadModel);
            await using var checkpoints = SqliteConsumerStore.Open(new DataDirectoryLayout(DataDir).ReadModel, TimeProvider.System);
            var projection = new EventLogSubscription(
                new PaymentProjectionConsumer(new PaymentProjector(store), model), store, checkpoints, checkpoints, PaymentProjectionConsumer.Policy, TimeProvider.System, NullLogger.Instance);
            ids = await WritePayments(new PaymentLedger(store, TimeProvider.System), projection);
            incremental = await Rows(model, ids);
        }

        var exit = await ProjectionsCommand.Create().Parse(["rebuild", "--data-dir", DataDir]).InvokeAsync();

        Assert.Equal(0, exit);
        var rebuilt = await Rows(SqlitePaymentReadModel.Open(new DataDirectoryLayout(DataDir).ReadModel), ids);
        Assert.Equal(incremental, rebuilt);
        Assert.All(rebuilt, Assert.NotNull);
    }

    private static async Task<List<Guid>> WritePayments(PaymentLedger ledger, EventLogSubscription projection)
    {
        var metadata = new EventMetadata("cli", null, "test");
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            PaymentRequestValidator.Validate(new PaymentRequest(10m + i, "EUR", "IBAN-SRC", "IBAN-DST"), out var request);
            var accepted = (RequestOutcome.Accepted)await ledger.Request("client_a", IdempotencyKey.Parse("cli-" + i), request!, metadata, CancellationToken.None);
            ids.Add(accepted.Payment.PaymentId);
            await projection.CatchUp(CancellationToken.None);
            if (i % 2 == 0)
            {
                await ledger.Execute(accepted.Payment.PaymentId, new PaymentCommand.StartProcessing(), metadata, CancellationToken.None);
            }

            if (i % 3 == 0)
            {
                await ledger.Execute(accepted.Payment.PaymentId, new PaymentCommand.FailPayment("gave up"), metadata, CancellationToken.None);
            }
        }

        await projection.CatchUp(CancellationToken.None);
        return ids;
    }

    private static async Task<List<PaymentRecord?>> Rows(SqlitePaymentReadModel model, IEnumerable<Guid> ids)
    {
        var rows = new List<PaymentRecord?>();
        foreach (var id in ids)
        {
            rows.Add(await model.Find(id, CancellationToken.None));
        }

        return rows;
    }
}

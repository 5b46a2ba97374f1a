using Payments.Functions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Payments.Domain.Requests;
using Payments.EventStore.Contract;
using Payments.Embedded.EventStore;
using Payments.Application.Ledger;
using Payments.TestServices;
using Payments.Projections.ReadModel;

namespace Payments.Functions.Tests.Projections;

public sealed class EmbeddedProjectionHostingTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private string DataDir => _directory.Path;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Hosted_projection_keeps_the_read_model_current_as_payments_are_accepted()
    {
        await using var store = SqliteEventStore.Open(Path.Combine(DataDir, "events.db"), TimeProvider.System);
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton<IEventStore>(store);
        builder.Services.AddSingleton<IAppendNotifier>(store);
        builder.Services.AddEmbeddedPaymentProjection(Path.Combine(DataDir, "payments.db"));
        using var host = builder.Build();
        await host.StartAsync();

        PaymentRequestValidator.Validate(new PaymentRequest(42.50m, "EUR", "IBAN-SRC", "IBAN-DST"), out var request);
        var ledger = new PaymentLedger(store, TimeProvider.System);
        var accepted = (RequestOutcome.Accepted)await ledger.Request("client_a", IdempotencyKey.Parse("host-1"), request!, new EventMetadata("h", null, "test"), CancellationToken.None);
        var readModel = host.Services.GetRequiredService<IPaymentReadModel>();

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        PaymentRecord? row;
        while ((row = await readModel.Find(accepted.Payment.PaymentId, CancellationToken.None)) is null)
        {
            await Task.Delay(20, deadline.Token);
        }

        await host.StopAsync();
        Assert.Equal(PaymentRecord.From(accepted.Payment), row);
    }
}

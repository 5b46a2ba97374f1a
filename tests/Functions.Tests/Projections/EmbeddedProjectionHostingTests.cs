using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Payments.Application.Ledger;
using Payments.Domain.Ramps;
using Payments.Domain.Requests;
using Payments.EventStore.Contract;
using Payments.Functions.Hosting;
using Payments.Projections.ReadModel;
using Payments.TestServices;

namespace Payments.Functions.Tests.Projections;

public sealed class EmbeddedProjectionHostingTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Hosted_projection_keeps_the_read_model_current_as_payments_are_accepted_and_advanced()
    {
        // Ramps held at a gate: the worker starts the payment and waits, so the row has a state to catch up to.
        var ramps = new ScriptedRamps { Gate = new TaskCompletionSource() };
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<IOnRampProvider>(ramps);
        builder.Services.AddSingleton<IOffRampProvider>(ramps);
        builder.Services.AddEmbeddedColumn(new ServeOptions { DataDirectory = _directory.Path }, reclaimLeasesOnStart: false);
        using var host = builder.Build();
        await host.StartAsync();

        PaymentRequestValidator.Validate(new PaymentRequest(42.50m, "EUR", "IBAN-SRC", "IBAN-DST"), out var request);
        var ledger = host.Services.GetRequiredService<PaymentLedger>();
        var accepted = (RequestOutcome.Accepted)await ledger.Request("client_a", IdempotencyKey.Parse("host-1"), request!, new EventMetadata("h", null, "test"), CancellationToken.None);
        var readModel = host.Services.GetRequiredService<IPaymentReadModel>();

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        PaymentRecord? row;
        PaymentRecord expected;
        do
        {
            await Task.Delay(20, deadline.Token);
            row = await readModel.Find(accepted.Payment.PaymentId, CancellationToken.None);
            expected = PaymentRecord.From(await ledger.Load(accepted.Payment.PaymentId, CancellationToken.None));
        }
        while (row != expected || expected.Version < 2);

        ramps.Gate.SetResult();
        await host.StopAsync();
        Assert.Equal(expected, row);
    }
}

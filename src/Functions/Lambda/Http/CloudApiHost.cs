using Amazon.DynamoDBv2;
using Microsoft.AspNetCore.Hosting.Server;
using Payments.Application.Audit;
using Payments.Application.Ledger;
using Payments.Aws.Audit;
using Payments.Functions.Api.Feed;
using Payments.Aws;
using Payments.Aws.EventStore;
using Payments.Aws.Projections;
using Payments.EventStore.Contract;
using Payments.Functions.Api;
using Payments.Functions.Api.Auth;
using Payments.Functions.Api.Gateway;
using Payments.Functions.Lambda.Runtime;
using Payments.Functions.OperatorConsole;
using Payments.Projections.ReadModel;

namespace Payments.Functions.Lambda.Http;

/// <summary>
/// The <c>api</c> function's composition: the same HTTP API as `serve` (<see cref="PaymentsApi"/>) on an in-memory
/// server, over the DynamoDB event store and the DynamoDB payments table; webhook endpoints and replays over the
/// DynamoDB webhook tables, the webhook queue and KMS; reconciliation over the sandbox ramps' table.
/// </summary>
public static class CloudApiHost
{
    /// <param name="overrides">Tests only: replaces services after the composition (a slow read model, a log capture).</param>
    public static async Task<(WebApplication App, LambdaHttpServer Server)> Start(
        CloudOptions settings, ApiKeyRing keys, CancellationToken cancellationToken, Action<IServiceCollection>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(json => json.UseUtcTimestamp = true);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton<LambdaHttpServer>();
        services.AddSingleton<IServer>(sp => sp.GetRequiredService<LambdaHttpServer>());
        services.AddSingleton(TimeProvider.System);
        services.AddPaymentsApi(keys);

        // Rate limits and CORS are API Gateway's here (the topology's stage throttling and CORS configuration).
        services.AddGatewayDuties(settings.RequestTimeout);
        services.AddSingleton<IAmazonDynamoDB>(_ => CloudClients.DynamoDb(settings.DynamoDbEndpoint));
        services.AddSingleton<IEventStore>(sp => new DynamoDbEventStore(
            sp.GetRequiredService<IAmazonDynamoDB>(), DynamoDbEventStoreTables.WithPrefix(settings.TablePrefix), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<PaymentLedger>();
        services.AddSingleton<IPaymentReadModel>(sp => new DynamoDbPaymentReadModel(sp.GetRequiredService<IAmazonDynamoDB>(), settings.ReadModelTable));
        services.AddSingleton<IEventReader>(sp => sp.GetRequiredService<IEventStore>());
        services.AddCloudWebhooks(settings);
        services.AddCloudReconciliation(settings);
        var audited = AddCloudAudit(services, settings);
        // Sealing keys live in the instance's memory: a console session lasts while the warm instance does (README, "Operator console").
        services.AddOperatorConsole(keysDirectory: null);
        overrides?.Invoke(services);

        var app = builder.Build();
        app.UsePaymentsApi(audited ? endpoints => endpoints.MapEventFeed() : null);
        app.MapOperatorConsole();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return (app, app.Services.GetRequiredService<LambdaHttpServer>());
    }

    /// <summary>
    /// The verifiable log the sequencer keeps, where the deployment names it: proofs and checkpoints for auditors, and
    /// the ordered feed (the sequencer's positions) for finance. Without it neither route is mapped.
    /// </summary>
    private static bool AddCloudAudit(IServiceCollection services, CloudOptions settings)
    {
        if (settings.AuditTable is not { Length: > 0 })
        {
            return false;
        }

        var (log, checkpointer) = CloudAudit.Open(settings);
        services.AddSingleton<IAuditLogStore>(log);
        services.AddSingleton(checkpointer);
        services.AddSingleton<IEventLog>(sp => new DynamoDbSequencedEventLog(log, sp.GetRequiredService<IEventStore>()));
        services.AddSingleton(sp => new AuditTrail(log, sp.GetRequiredService<IEventLog>(), checkpointer));
        services.AddEventFeed();
        return true;
    }
}

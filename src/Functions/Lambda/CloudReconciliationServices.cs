using Amazon.DynamoDBv2;
using Payments.Application.Ramps.Sandbox;
using Payments.Application.Reconciliation;
using Payments.Aws.Projections;
using Payments.Aws.Ramps;
using Payments.Domain.Ramps;
using Payments.Functions.Lambda.Runtime;

namespace Payments.Functions.Lambda;

/// <summary>
/// The cloud column's reconciliation ports for the api function: the sandbox providers' statements from their shared
/// DynamoDB table, and the payments requested in a period from the payments table's requested-by-day index.
/// The ledger (<c>IEventReader</c>) and the clock are the host's own.
/// </summary>
public static class CloudReconciliationServices
{
    public static IServiceCollection AddCloudReconciliation(this IServiceCollection services, CloudOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton<IRampStatements>(sp => new MockRampProvider(
            new DynamoDbRampExecutionLog(sp.GetRequiredService<IAmazonDynamoDB>(), settings.RampsTable), new MockRampOptions(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IRequestedPaymentIndex>(sp => new DynamoDbPaymentReadModel(sp.GetRequiredService<IAmazonDynamoDB>(), settings.ReadModelTable));
        services.AddSingleton(new ReconciliationOptions());
        return services.AddSingleton<PaymentReconciler>();
    }
}

using Payments.Aws.Projections;
using Payments.TestServices;

namespace Payments.Projections.Tests.DynamoDb;

/// <summary>One DynamoDB Local per test class with a payments table under a unique name.</summary>
public sealed class DynamoDbPaymentsFixture : DynamoDbLocalFixture
{
    private DynamoDbPaymentReadModel? _model;

    public DynamoDbPaymentReadModel Model => _model ?? throw new InvalidOperationException("Fixture not initialised.");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var table = DynamoDbLocal.UniquePrefix() + DynamoDbPaymentsSchema.DefaultTableName;
        await DynamoDbPaymentsSchema.EnsureCreated(Client, table, CancellationToken.None);
        _model = new DynamoDbPaymentReadModel(Client, table);
    }
}

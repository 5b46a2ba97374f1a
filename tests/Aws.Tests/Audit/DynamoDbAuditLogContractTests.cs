using Payments.Application.Audit;
using Payments.Aws.Audit;
using Payments.TestServices;
using Payments.TestServices.Audit;

namespace Payments.Aws.Tests.Audit;

/// <summary>The audit log store contract the SQLite store also runs, on DynamoDB Local, a table per store.</summary>
public sealed class DynamoDbAuditLogContractTests(DynamoDbLocalFixture dynamo) : AuditLogStoreContract, IClassFixture<DynamoDbLocalFixture>
{
    protected override int MaxEventsPerAppend => DynamoDbAuditLog.MaxEventsPerAppend;

    protected override int SequencingScenarios => 25;

    protected override async Task<IAuditLogStore> NewStore()
    {
        var table = DynamoDbLocal.UniquePrefix() + DynamoDbAuditLogSchema.DefaultTableName;
        await DynamoDbAuditLogSchema.EnsureCreated(dynamo.Client, table, CancellationToken.None);
        return new DynamoDbAuditLog(dynamo.Client, table, TimeProvider.System);
    }
}

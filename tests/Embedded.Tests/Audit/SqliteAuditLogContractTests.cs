using Payments.Application.Audit;
using Payments.Embedded.Audit;
using Payments.TestServices;
using Payments.TestServices.Audit;

namespace Payments.Embedded.Tests.Audit;

/// <summary>The audit log store contract the DynamoDB store also runs, on audit.db files.</summary>
public sealed class SqliteAuditLogContractTests : AuditLogStoreContract, IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    protected override Task<IAuditLogStore> NewStore() =>
        Task.FromResult<IAuditLogStore>(SqliteAuditLog.Open(_directory.File($"audit-{Guid.NewGuid():N}.db")));
}

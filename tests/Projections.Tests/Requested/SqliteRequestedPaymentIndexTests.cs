using Payments.Application.Reconciliation;
using Payments.Embedded.Projections;
using Payments.Projections.ReadModel;
using Payments.Projections.Tests.Support;

namespace Payments.Projections.Tests.Requested;

public sealed class SqliteRequestedPaymentIndexTests : RequestedPaymentIndexContract, IDisposable
{
    private readonly SqliteFiles _files = new();
    private readonly SqlitePaymentReadModel _model;

    public SqliteRequestedPaymentIndexTests() => _model = SqlitePaymentReadModel.Open(_files.Path(SqlitePaymentReadModel.DefaultFileName));

    /// <summary>Read-only, as `reconcile` opens it beside a running `serve`.</summary>
    protected override IRequestedPaymentIndex Index => SqlitePaymentReadModel.OpenReadOnly(_files.Path(SqlitePaymentReadModel.DefaultFileName));

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Read_only_open_of_a_missing_file_creates_nothing()
    {
        Assert.Throws<FileNotFoundException>(() => SqlitePaymentReadModel.OpenReadOnly(_files.Path("absent.db")));
        Assert.False(File.Exists(_files.Path("absent.db")));
    }

    protected override async Task Save(PaymentRecord row)
    {
        await using var batch = _model.BeginBatch();
        Assert.True(await batch.Save(row, 0, CancellationToken.None));
        await batch.Commit(CancellationToken.None);
    }
}

using Payments.Embedded;
using Payments.Embedded.EventStore;
using Payments.Embedded.Projections;
using Payments.Embedded.Ramps;
using Payments.Functions.Cli;
using Payments.TestServices;

namespace Payments.Functions.Tests.Cli;

/// <summary>`reconcile` refuses what it cannot reconcile with exit 2, and never creates a file doing so.</summary>
public sealed class ReconcileCommandTests : IDisposable
{
    private const string From = "2026-02-01T00:00:00Z";
    private const string To = "2026-02-02T00:00:00Z";

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Directory_without_data_is_exit_2_and_stays_empty()
    {
        var exit = await Run("--from", From, "--to", To);

        Assert.Equal(ReconcileCommand.BadInput, exit);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory.Path));
    }

    [Theory]
    [InlineData("--to", To)]
    [InlineData("--from", "2026-02-01", "--to", To)]
    [InlineData("--from", To, "--to", From)]
    [InlineData("--from", From, "--to", To, "--stuck-after", "fifteen minutes")]
    [InlineData("--from", From, "--to", To, "--stuck-after", "-00:15:00")]
    [InlineData("--from", From, "--to", To, "--since", "yesterday")]
    public async Task Bad_or_unknown_input_is_exit_2(params string[] arguments)
    {
        await CreateEmptyDataDirectory();

        Assert.Equal(ReconcileCommand.BadInput, await Run(arguments));
    }

    [Fact]
    public async Task Empty_ledger_is_a_clean_reconciliation()
    {
        await CreateEmptyDataDirectory();

        Assert.Equal(0, await Run("--from", From, "--to", To, "--json"));
    }

    private Task<int> Run(params string[] arguments) =>
        ReconcileCommand.Create().Parse([.. arguments, "--data-dir", _directory.Path]).InvokeAsync();

    /// <summary>The three files `serve` creates before its first payment.</summary>
    private async Task CreateEmptyDataDirectory()
    {
        var files = new DataDirectoryLayout(_directory.Path);
        await using (SqliteEventStore.Open(files.Events, TimeProvider.System))
        {
        }

        SqlitePaymentReadModel.Open(files.ReadModel);
        await using (RampTransactionLog.Open(files.Ramps, TimeProvider.System))
        {
        }
    }
}

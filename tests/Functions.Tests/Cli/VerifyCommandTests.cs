using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Payments.Embedded;
using Payments.Embedded.EventStore;
using Payments.EventStore.Contract;
using Payments.Functions.Cli;
using Payments.TestServices;

namespace Payments.Functions.Tests.Cli;

/// <summary>`verify` reads the log read-only, so it is safe beside a running `serve`.</summary>
public sealed class VerifyCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private string Events => new DataDirectoryLayout(_directory.Path).Events;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Verify_of_an_empty_directory_fails_clearly_and_creates_no_file()
    {
        var exit = await VerifyCommand.Create().Parse(["--data-dir", _directory.Path]).InvokeAsync();

        Assert.Equal(VerifyCommand.NoEventLog, exit);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory.Path));
    }

    [Fact]
    public async Task Verify_beside_a_live_writer_neither_checkpoints_nor_waits_for_its_transaction_and_appends_go_on()
    {
        await using var store = SqliteEventStore.Open(Events, TimeProvider.System);
        for (var i = 0; i < 20; i++)
        {
            await store.Append(StreamId.For(Guid.CreateVersion7()), ExpectedVersion.NoStream, [Event(i)]);
        }

        var walBefore = new FileInfo(Events + "-wal").Length;
        Assert.True(walBefore > 0);
        await using var holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Events, Pooling = false }.ToString());
        await holder.OpenAsync();
        await using var transaction = (SqliteTransaction)await holder.BeginTransactionAsync();
        await using (var insert = holder.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO unique_keys (key, stream_id, fingerprint, reserved_at) VALUES ('held', 'held', 'fp', 'now')";
            await insert.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        var exit = await VerifyCommand.Create().Parse(["--data-dir", _directory.Path]).InvokeAsync();
        var took = clock.Elapsed;
        await transaction.CommitAsync();

        Assert.Equal(0, exit);
        Assert.True(took < TimeSpan.FromSeconds(4), $"verify waited {took} on another connection's write transaction");
        Assert.True(new FileInfo(Events + "-wal").Length >= walBefore, "verify checkpointed the live writer's WAL");

        using var stop = new CancellationTokenSource();
        var appended = 0;
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var appends = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await store.Append(StreamId.For(Guid.CreateVersion7()), ExpectedVersion.NoStream, [Event(100 + appended)]);
                Interlocked.Increment(ref appended);
                writing.TrySetResult();
            }
        });
        await writing.Task;
        var before = Volatile.Read(ref appended);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(0, await VerifyCommand.Create().Parse(["--data-dir", _directory.Path]).InvokeAsync());
        }

        // Appends kept landing while verify read: at least one more after the verifies, without waiting on them.
        while (Volatile.Read(ref appended) == before)
        {
            await Task.Delay(10);
        }

        await stop.CancelAsync();
        await appends;
    }

    private static NewEvent Event(int n) => new("Thing", 1, $$"""{"n":{{n}}}""", new EventMetadata("verify", null, "test"));
}

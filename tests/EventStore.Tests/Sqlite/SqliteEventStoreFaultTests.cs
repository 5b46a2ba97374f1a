using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Payments.Embedded.EventStore;
using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;
using Payments.EventStore.Tests.Contract;
using Payments.TestServices;

namespace Payments.EventStore.Tests.Sqlite;

/// <summary>The writer is fail-stop on a storage fault, and tells which constraint fired; a full disk is made real with max_page_count.</summary>
public sealed class SqliteEventStoreFaultTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private string FilePath => _directory.File("events.db");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Disk_full_faults_the_store_refuses_later_appends_fast_and_a_restart_keeps_everything_acknowledged()
    {
        var accepted = new List<StreamId>();
        await using (var roomy = SqliteEventStore.Open(FilePath, TimeProvider.System))
        {
            for (var i = 0; i < 5; i++)
            {
                var stream = TestEvents.NewStream();
                await roomy.Append(stream, ExpectedVersion.NoStream, TestEvents.Many(3), new UniqueKeyClaim("key-" + i, "fp-" + i));
                accepted.Add(stream);
            }
        }

        // The file may not grow by a single page: the next append that needs one meets SQLITE_FULL, like a full disk.
        var full = SqliteEventStore.Open(FilePath, TimeProvider.System, new SqliteEventStoreOptions { MaxPageCount = 1 });
        var big = new NewEvent("Big", 1, "{\"pad\":\"" + new string('x', 64 * 1024) + "\"}", TestEvents.Metadata);

        var fault = await Assert.ThrowsAsync<EventStoreFaultedException>(() => full.Append(TestEvents.NewStream(), ExpectedVersion.NoStream, [big]));

        Assert.Contains("SQLITE_FULL", fault.Reason, StringComparison.Ordinal);
        Assert.NotNull(full.Fault);
        Assert.True(full.Faulted.IsCompleted);
        var clock = Stopwatch.StartNew();
        var later = await Assert.ThrowsAsync<EventStoreFaultedException>(() => full.Append(TestEvents.NewStream(), ExpectedVersion.NoStream, TestEvents.Many(1)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"a refused append took {clock.Elapsed}");
        Assert.Equal(fault.Reason, later.Reason);
        Assert.True(later.InnerException is SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_FULL });
        await full.DisposeAsync();
        SqliteConnection.ClearAllPools();

        await using var restarted = SqliteEventStore.Open(FilePath, TimeProvider.System);
        foreach (var stream in accepted)
        {
            var events = await restarted.ReadStream(stream);
            Assert.Equal(3, events.Count);
            Assert.True(EventHashChain.Verify(events).IsIntact);
        }

        Assert.Equal(accepted[2], (await restarted.FindKeyOwner("key-2"))!.OwnerStream);
        Assert.IsType<AppendResult.Appended>(await restarted.Append(TestEvents.NewStream(), ExpectedVersion.NoStream, [big]));
        Assert.Null(restarted.Fault);
    }

    [Fact]
    public async Task Every_append_waiting_when_the_disk_fills_fails_with_the_fault_and_none_hangs()
    {
        await using var full = SqliteEventStore.Open(FilePath, TimeProvider.System, new SqliteEventStoreOptions { MaxPageCount = 1 });
        var big = new NewEvent("Big", 1, "{\"pad\":\"" + new string('y', 16 * 1024) + "\"}", TestEvents.Metadata);

        var appends = Enumerable.Range(0, 40).Select(_ => Task.Run(() => full.Append(TestEvents.NewStream(), ExpectedVersion.NoStream, [big]))).ToList();
        var settled = Task.WhenAll(appends.Select(a => a.ContinueWith(_ => { }, TaskScheduler.Default)));
        await settled.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(appends, a => Assert.IsType<EventStoreFaultedException>(a.Exception?.InnerException));
    }

    [Fact]
    public async Task A_clash_on_stream_and_version_is_a_version_conflict_and_leaves_the_store_healthy()
    {
        await using var store = SqliteEventStore.Open(FilePath, TimeProvider.System);
        var stream = TestEvents.NewStream();
        // Another writer takes (stream, 1) between the head read and the insert.
        Execute($"""
            CREATE TRIGGER racer BEFORE INSERT ON events WHEN NEW.stream_id = '{stream.Value}' AND NEW.hash <> 'racer'
            BEGIN
                INSERT INTO events (position, stream_id, version, type, schema_version, occurred_at, data, metadata, hash)
                VALUES (NEW.position + 1000000, NEW.stream_id, NEW.version, 'Racer', 1, NEW.occurred_at, 'racer', NEW.metadata, 'racer');
            END;
            """);

        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => store.Append(stream, ExpectedVersion.NoStream, TestEvents.Many(1)));

        Assert.Null(store.Fault);
        Assert.IsType<AppendResult.Appended>(await store.Append(TestEvents.NewStream(), ExpectedVersion.NoStream, TestEvents.Many(1)));
    }

    [Fact]
    public async Task A_clash_on_the_key_claim_table_is_never_reported_as_a_version_conflict()
    {
        await using var store = SqliteEventStore.Open(FilePath, TimeProvider.System);
        const string key = "idem-clash";
        // Another writer claims the key between the owner look-up and the insert.
        Execute($"""
            CREATE TRIGGER racer BEFORE INSERT ON unique_keys WHEN NEW.key = '{key}' AND NEW.stream_id <> 'racer'
            BEGIN
                INSERT INTO unique_keys (key, stream_id, fingerprint, reserved_at) VALUES (NEW.key, 'racer', 'fp-racer', NEW.reserved_at);
            END;
            """);

        var error = await Record.ExceptionAsync(() => store.Append(TestEvents.NewStream(), ExpectedVersion.NoStream, TestEvents.Many(1), new UniqueKeyClaim(key, "fp")));

        Assert.IsNotType<WrongExpectedVersionException>(error);
        var clash = Assert.IsType<SqliteException>(error);
        Assert.Equal(SQLitePCL.raw.SQLITE_CONSTRAINT, clash.SqliteErrorCode);
        Assert.Contains("unique_keys.key", clash.Message, StringComparison.Ordinal);
        Assert.Null(store.Fault);
        Assert.IsType<AppendResult.Appended>(await store.Append(TestEvents.NewStream(), ExpectedVersion.NoStream, TestEvents.Many(1), new UniqueKeyClaim("other", "fp")));
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

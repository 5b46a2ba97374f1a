using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;
using Payments.Embedded.EventStore;
using Payments.EventStore.Tests.Contract;
using Payments.TestServices;

namespace Payments.EventStore.Tests.Sqlite;

/// <summary>
/// What the embedded backend promises beyond the shared contract: durability, group commit, and a global log
/// (<see cref="IEventLog"/>) with gap-free positions, which the cloud store deliberately does not offer.
/// </summary>
public sealed class SqliteEventStoreTests : IAsyncLifetime
{
    private readonly SqliteStoreFixture _fixture = new();

    private SqliteEventStore Store => _fixture.Sqlite;

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task Committed_events_survive_closing_and_reopening_the_file()
    {
        var stream = TestEvents.NewStream();
        await Store.Append(stream, ExpectedVersion.NoStream, TestEvents.Many(3), new UniqueKeyClaim("k1", "fp"));
        await Store.DisposeAsync();

        await using var reopened = SqliteEventStore.Open(_fixture.FilePath, TimeProvider.System);

        Assert.Equal(3, (await reopened.ReadStream(stream)).Count);
        Assert.Equal(stream, (await reopened.FindKeyOwner("k1"))!.OwnerStream);
        Assert.Equal(3, reopened.LastCommittedPosition);
        await _fixture.InitializeAsync();
    }

    [Fact]
    public async Task Writer_connection_commits_with_synchronous_full_in_wal_mode()
    {
        await using var connection = new SqliteConnection(Store.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Occurred_at_comes_from_the_time_provider()
    {
        await Store.DisposeAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero));
        await using var store = SqliteEventStore.Open(_fixture.FilePath, clock);
        var stream = TestEvents.NewStream();

        await store.Append(stream, ExpectedVersion.NoStream, TestEvents.Many(1));

        Assert.Equal(clock.GetUtcNow(), Assert.Single(await store.ReadStream(stream)).OccurredAt);
        await store.DisposeAsync();
        await _fixture.InitializeAsync();
    }

    [Fact]
    public async Task Many_concurrent_writers_leave_no_gap_in_global_positions()
    {
        const int writers = 32;
        var shared = TestEvents.NewStream();
        await Store.Append(shared, ExpectedVersion.NoStream, TestEvents.Many(1));
        await StartingGun.Race(writers, async i =>
        {
            try
            {
                // Half race on one stream (most lose), half write their own: losers must not leave holes.
                var target = i % 2 == 0 ? shared : TestEvents.NewStream();
                var expected = i % 2 == 0 ? ExpectedVersion.At(1) : ExpectedVersion.NoStream;
                await Store.Append(target, expected, TestEvents.Many(3));
            }
            catch (WrongExpectedVersionException)
            {
                // expected for the losers of the shared stream
            }

            return i;
        });

        var all = await Store.ReadAll(0, 10_000);
        Assert.Equal(Enumerable.Range(1, all.Count).Select(p => (long)p), all.Select(e => e.Position));
        Assert.Equal(1 + 3 + (writers / 2 * 3), all.Count);
    }

    [Fact]
    public async Task Concurrent_appends_share_commits()
    {
        var before = Store.CommitCount;
        var streams = Enumerable.Range(0, 64).Select(_ => TestEvents.NewStream()).ToArray();

        var results = await Task.WhenAll(streams.Select(s => Store.Append(s, ExpectedVersion.NoStream, TestEvents.Many(1))));

        Assert.All(results, r => Assert.IsType<AppendResult.Appended>(r));
        Assert.InRange(Store.CommitCount - before, 1, 16);
    }

    [Fact]
    public async Task Cancelled_append_before_commit_writes_nothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var stream = TestEvents.NewStream();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Store.Append(stream, ExpectedVersion.NoStream, TestEvents.Many(1), cancellationToken: cancelled.Token));

        Assert.Empty(await Store.ReadStream(stream));
    }

    [Fact]
    public async Task Waiting_tailer_wakes_when_an_event_is_committed()
    {
        var position = Store.LastCommittedPosition;
        var wait = Store.WaitForCommitAfter(position, CancellationToken.None);
        Assert.False(wait.IsCompleted);

        await Store.Append(TestEvents.NewStream(), ExpectedVersion.NoStream, TestEvents.Many(1));

        await wait.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(Store.LastCommittedPosition > position);
    }

    [Theory]
    [InlineData("data", "{\"n\":2,\"note\":\"tampered\"}")]
    [InlineData("type", "Other")]
    [InlineData("metadata", "{\"correlation_id\":\"forged\",\"causation_id\":null,\"actor\":\"test\"}")]
    [InlineData("occurred_at", "2020-01-01T00:00:00.0000000Z")]
    [InlineData("schema_version", "2")]
    public async Task Editing_a_stored_row_breaks_the_hash_chain_at_that_version(string column, string forged)
    {
        var stream = TestEvents.NewStream();
        await Store.Append(stream, ExpectedVersion.NoStream, TestEvents.Many(4));

        await using (var connection = new SqliteConnection(Store.ConnectionString))
        {
            await connection.OpenAsync();
            await using var update = connection.CreateCommand();
            update.CommandText = $"UPDATE events SET {column} = $value WHERE stream_id = $stream AND version = 2";
            update.Parameters.AddWithValue("$value", forged);
            update.Parameters.AddWithValue("$stream", stream.Value);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        var verdict = EventHashChain.Verify(await Store.ReadStream(stream));

        Assert.False(verdict.IsIntact);
        Assert.Equal(2, verdict.BrokenAtVersion);
    }

    [Fact]
    public async Task Read_all_returns_new_events_in_position_order_and_resumes_after_cursor()
    {
        var start = await LastPosition();
        var a = TestEvents.NewStream();
        var b = TestEvents.NewStream();
        await Store.Append(a, ExpectedVersion.NoStream, TestEvents.Many(2));
        await Store.Append(b, ExpectedVersion.NoStream, TestEvents.Many(1));
        await Store.Append(a, ExpectedVersion.At(2), TestEvents.Many(1, 2));

        var mine = await ReadAllOf(start, [a, b]);

        Assert.Equal([(a, 1L), (a, 2L), (b, 1L), (a, 3L)], mine.Select(e => (e.StreamId, e.Version)));
        Assert.True(mine.Zip(mine.Skip(1)).All(p => p.First.Position < p.Second.Position));
        var resumed = await ReadAllOf(mine[1].Position, [a, b]);
        Assert.Equal(mine.Skip(2).Select(e => e.Position), resumed.Select(e => e.Position));
    }

    [Fact]
    public async Task Read_all_honours_the_limit()
    {
        var start = await LastPosition();
        await Store.Append(TestEvents.NewStream(), ExpectedVersion.NoStream, TestEvents.Many(5));

        var page = await Store.ReadAll(start, 2);

        Assert.Equal(2, page.Count);
    }

    private async Task<long> LastPosition()
    {
        long last = 0;
        while (true)
        {
            var page = await Store.ReadAll(last, 1000);
            if (page.Count == 0)
            {
                return last;
            }

            last = page[^1].Position;
        }
    }

    private async Task<List<StoredEvent>> ReadAllOf(long after, StreamId[] streams)
    {
        var mine = new List<StoredEvent>();
        var cursor = after;
        while (true)
        {
            var page = await Store.ReadAll(cursor, 100);
            if (page.Count == 0)
            {
                return mine;
            }

            mine.AddRange(page.Where(e => streams.Contains(e.StreamId)));
            cursor = page[^1].Position;
        }
    }
}

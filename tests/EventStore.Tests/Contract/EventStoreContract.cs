using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;
using Payments.TestServices;

namespace Payments.EventStore.Tests.Contract;

/// <summary>
/// The behaviour every event store backend owes its callers. Written once; each backend runs it by
/// subclassing with its fixture, so SQLite and DynamoDB are held to exactly the same contract.
/// </summary>
public abstract class EventStoreContract<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : class, IEventStoreFixture
{
    protected IEventStore Store => fixture.Store;

    [Fact]
    public async Task Append_to_new_stream_returns_last_version_and_reads_back_in_order()
    {
        var stream = TestEvents.NewStream();
        var result = await Store.Append(stream, ExpectedVersion.NoStream, TestEvents.Many(3));

        var appended = Assert.IsType<AppendResult.Appended>(result);
        Assert.Equal(3, appended.Version);
        var read = await Store.ReadStream(stream);
        Assert.Equal([1L, 2L, 3L], read.Select(e => e.Version));
        Assert.Equal(TestEvents.Many(3).Select(e => e.Data), read.Select(e => e.Data));
        Assert.All(read, e => Assert.Equal(stream, e.StreamId));
        Assert.Equal(appended.Position, read[^1].Position);
    }

    [Fact]
    public async Task Stored_event_keeps_type_schema_metadata_and_time()
    {
        var stream = TestEvents.NewStream();
        var metadata = new EventMetadata("corr-x", "cause-y", "client:a");
        await Store.Append(stream, ExpectedVersion.NoStream, [new NewEvent("Thing", 7, """{"a":[1,2.50,"x"]}""", metadata)]);

        var e = Assert.Single(await Store.ReadStream(stream));
        Assert.Equal("Thing", e.Type);
        Assert.Equal(7, e.SchemaVersion);
        Assert.Equal("""{"a":[1,2.50,"x"]}""", e.Data);
        Assert.Equal(metadata, e.Metadata);
        Assert.InRange(e.OccurredAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
        Assert.Matches("^[0-9a-f]{64}$", e.Hash);
    }

    [Fact]
    public async Task Trace_context_in_metadata_is_stored_read_back_and_covered_by_the_hash()
    {
        var stream = TestEvents.NewStream();
        var traced = new EventMetadata("corr-t", null, "client:a", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "vendor=value");
        await Store.Append(stream, ExpectedVersion.NoStream, [new NewEvent("Thing", 1, "{}", traced)]);
        await Store.Append(stream, ExpectedVersion.At(1), [new NewEvent("Thing", 1, "{}", new EventMetadata("corr-u", null, "worker"))]);

        var read = await Store.ReadStream(stream);
        Assert.Equal(traced, read[0].Metadata);
        Assert.Null(read[1].Metadata.Traceparent);
        Assert.DoesNotContain("trace", read[1].StoredMetadata ?? "", StringComparison.Ordinal);
        Assert.True(EventHashChain.Verify(read).IsIntact);
    }

    [Fact]
    public async Task Append_with_expected_version_continues_the_stream_without_gaps()
    {
        var stream = TestEvents.NewStream();
        await Store.Append(stream, ExpectedVersion.NoStream, TestEvents.Many(2));
        var result = await Store.Append(stream, ExpectedVersion.At(2), TestEvents.Many(2, 2));

        Assert.Equal(4, Assert.IsType<AppendResult.Appended>(result).Version);
        Assert.Equal([1L, 2L, 3L, 4L], (await Store.ReadStream(stream)).Select(e => e.Version));
    }

    [Fact]
    public async Task Append_with_stale_version_throws_concurrency_error_and_writes_nothing()
    {
        var stream = TestEvents.NewStream();
        await Store.Append(stream, ExpectedVersion.NoStream, TestEvents.Many(2));

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(
            () => Store.Append(stream, ExpectedVersion.At(1), TestEvents.Many(3, 10)));

        Assert.Equal(stream, error.Stream);
        Assert.Equal(2, (await Store.ReadStream(stream)).Count);
    }

    [Fact]
    public async Task Append_as_new_stream_to_existing_stream_throws_concurrency_error()
    {
        var stream = TestEvents.NewStream();
        await Store.Append(stream, ExpectedVersion.NoStream, TestEvents.Many(1));

        await Assert.ThrowsAsync<WrongExpectedVersionException>(
            () => Store.Append(stream, ExpectedVersion.NoStream, TestEvents.Many(1)));
    }

    [Fact]
    public async Task Append_beyond_current_version_throws_concurrency_error()
    {
        var stream = TestEvents.NewStream();
        await Assert.ThrowsAsync<WrongExpectedVersionException>(
            () => Store.Append(stream, ExpectedVersion.At(3), TestEvents.Many(1)));
        Assert.Empty(await Store.ReadStream(stream));
    }

    [Fact]
    public async Task Read_of_unknown_stream_is_empty()
    {
        Assert.Empty(await Store.ReadStream(TestEvents.NewStream()));
    }

    [Fact]
    public async Task Read_from_version_skips_earlier_events()
    {
        var stream = TestEvents.NewStream();
        await Store.Append(stream, ExpectedVersion.NoStream, TestEvents.Many(5));

        Assert.Equal([3L, 4L, 5L], (await Store.ReadStream(stream, 3)).Select(e => e.Version));
    }

    [Fact]
    public async Task First_append_reserves_the_unique_key()
    {
        var stream = TestEvents.NewStream();
        var key = "key-" + Guid.NewGuid();
        await Store.Append(stream, ExpectedVersion.NoStream, TestEvents.Many(1), new UniqueKeyClaim(key, "fp-1"));

        var owner = await Store.FindKeyOwner(key);
        Assert.NotNull(owner);
        Assert.Equal(stream, owner.OwnerStream);
        Assert.Equal("fp-1", owner.OwnerFingerprint);
    }

    [Fact]
    public async Task Taken_key_is_reported_with_owner_and_nothing_is_written()
    {
        var first = TestEvents.NewStream();
        var second = TestEvents.NewStream();
        var key = "key-" + Guid.NewGuid();
        await Store.Append(first, ExpectedVersion.NoStream, TestEvents.Many(1), new UniqueKeyClaim(key, "fp-1"));

        var result = await Store.Append(second, ExpectedVersion.NoStream, TestEvents.Many(1), new UniqueKeyClaim(key, "fp-2"));

        var taken = Assert.IsType<AppendResult.UniqueKeyTaken>(result);
        Assert.Equal(first, taken.OwnerStream);
        Assert.Equal("fp-1", taken.OwnerFingerprint);
        Assert.Empty(await Store.ReadStream(second));
    }

    [Fact]
    public async Task Free_key_has_no_owner()
    {
        Assert.Null(await Store.FindKeyOwner("free-" + Guid.NewGuid()));
    }

    [Fact]
    public async Task Claim_on_later_append_is_refused_before_writing()
    {
        var stream = TestEvents.NewStream();
        await Store.Append(stream, ExpectedVersion.NoStream, TestEvents.Many(1));

        await Assert.ThrowsAsync<ArgumentException>(
            () => Store.Append(stream, ExpectedVersion.At(1), TestEvents.Many(1), new UniqueKeyClaim("k-" + Guid.NewGuid(), "fp")));
        Assert.Single(await Store.ReadStream(stream));
    }

    [Fact]
    public async Task Empty_append_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Append(TestEvents.NewStream(), ExpectedVersion.NoStream, []));
    }

    [Fact]
    public async Task Hash_chain_of_appended_stream_verifies()
    {
        var stream = TestEvents.NewStream();
        await Store.Append(stream, ExpectedVersion.NoStream, TestEvents.Many(2));
        await Store.Append(stream, ExpectedVersion.At(2), TestEvents.Many(3, 2));

        var verdict = EventHashChain.Verify(await Store.ReadStream(stream));

        Assert.True(verdict.IsIntact, verdict.Reason);
        Assert.Equal(5, verdict.EventsChecked);
    }

    [Fact]
    public async Task Concurrent_appends_at_same_version_have_exactly_one_winner()
    {
        var stream = TestEvents.NewStream();
        await Store.Append(stream, ExpectedVersion.NoStream, TestEvents.Many(1));
        const int writers = 16;

        var outcomes = await StartingGun.Race(writers, async i =>
        {
            try
            {
                await Store.Append(stream, ExpectedVersion.At(1), [TestEvents.Numbered(100 + i)]);
                return true;
            }
            catch (WrongExpectedVersionException)
            {
                return false;
            }
        });

        Assert.Equal(1, outcomes.Count(won => won));
        Assert.Equal([1L, 2L], (await Store.ReadStream(stream)).Select(e => e.Version));
    }

    [Fact]
    public async Task Concurrent_first_appends_with_one_key_reserve_it_once()
    {
        var key = "race-" + Guid.NewGuid();
        const int writers = 12;
        var streams = Enumerable.Range(0, writers).Select(_ => TestEvents.NewStream()).ToArray();

        var results = await StartingGun.Race(writers, i =>
            Store.Append(streams[i], ExpectedVersion.NoStream, TestEvents.Many(1), new UniqueKeyClaim(key, "fp")));

        var winner = Assert.Single(results.OfType<AppendResult.Appended>());
        Assert.Equal(writers - 1, results.OfType<AppendResult.UniqueKeyTaken>().Count());
        var owner = (await Store.FindKeyOwner(key))!.OwnerStream;
        Assert.All(results.OfType<AppendResult.UniqueKeyTaken>(), t => Assert.Equal(owner, t.OwnerStream));
        var written = 0;
        foreach (var s in streams)
        {
            written += (await Store.ReadStream(s)).Count;
        }

        Assert.Equal(1, written);
        Assert.Equal(1, winner.Version);
    }

    [Fact]
    public async Task Concurrent_appends_to_different_streams_all_land()
    {
        const int writers = 16;
        var streams = Enumerable.Range(0, writers).Select(_ => TestEvents.NewStream()).ToArray();

        await Task.WhenAll(streams.Select(s => Store.Append(s, ExpectedVersion.NoStream, TestEvents.Many(2))));

        foreach (var s in streams)
        {
            Assert.Equal([1L, 2L], (await Store.ReadStream(s)).Select(e => e.Version));
        }
    }
}

using Payments.EventStore.Contract;
using Payments.Embedded.EventStore;
using Payments.EventStore.Tests.Contract;

namespace Payments.EventStore.Tests.Sqlite;

/// <summary>A fresh SQLite file per test class, deleted afterwards.</summary>
public sealed class SqliteStoreFixture : IEventStoreFixture, IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "payments-store-" + Guid.NewGuid().ToString("N"));
    private SqliteEventStore? _store;

    public string FilePath => Path.Combine(_directory, "events.db");

    public SqliteEventStore Sqlite => _store ?? throw new InvalidOperationException("Fixture not initialised.");

    public IEventStore Store => Sqlite;

    public Task InitializeAsync()
    {
        _store = SqliteEventStore.Open(FilePath, TimeProvider.System);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

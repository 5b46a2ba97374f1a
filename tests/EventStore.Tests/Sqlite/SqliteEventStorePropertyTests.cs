using Payments.EventStore.Tests.Contract;

namespace Payments.EventStore.Tests.Sqlite;

public sealed class SqliteEventStorePropertyTests(SqliteStoreFixture fixture) : EventStoreProperties<SqliteStoreFixture>(fixture);

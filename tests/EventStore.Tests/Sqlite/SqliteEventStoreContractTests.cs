using Payments.EventStore.Tests.Contract;

namespace Payments.EventStore.Tests.Sqlite;

public sealed class SqliteEventStoreContractTests(SqliteStoreFixture fixture) : EventStoreContract<SqliteStoreFixture>(fixture);

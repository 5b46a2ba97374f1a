using Payments.EventStore.Tests.Contract;

namespace Payments.EventStore.Tests.DynamoDb;

public sealed class DynamoDbEventStorePropertyTests(DynamoDbStoreFixture fixture) : EventStoreProperties<DynamoDbStoreFixture>(fixture);

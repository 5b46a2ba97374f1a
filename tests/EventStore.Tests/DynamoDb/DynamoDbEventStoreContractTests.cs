using Payments.EventStore.Tests.Contract;

namespace Payments.EventStore.Tests.DynamoDb;

public sealed class DynamoDbEventStoreContractTests(DynamoDbStoreFixture fixture) : EventStoreContract<DynamoDbStoreFixture>(fixture);

using Payments.EventStore.Contract;

namespace Payments.EventStore.Tests.Contract;

/// <summary>What a backend supplies to run the contract suite: a store, shared by the suite's tests.</summary>
public interface IEventStoreFixture
{
    IEventStore Store { get; }
}

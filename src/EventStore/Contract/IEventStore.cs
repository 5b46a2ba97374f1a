namespace Payments.EventStore.Contract;

public interface IEventStore : IEventWriter, IEventReader;

using Payments.Domain.State;
using Payments.EventStore.Contract;

namespace Payments.Functions.OperatorConsole;

/// <summary>One event of a payment's stream and the state the fold reached after it; <paramref name="Included"/> is its proof's verdict (null: not in the checkpoint yet, or no verifiable log here).</summary>
public sealed record TimelineStep(StoredEvent Event, Payment After, bool? Included);

using Payments.Domain.Events;
using Payments.Domain.State;
using Payments.EventStore.Contract;

namespace Payments.Functions.Cli.Replay;

/// <summary>One stored event of a payment, decoded, with the state the fold reaches after it.</summary>
internal sealed record ReplayStep(StoredEvent Stored, PaymentEvent Event, Payment Before, Payment After);

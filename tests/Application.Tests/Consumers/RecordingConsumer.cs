using Payments.Application.Consumers;
using Payments.EventStore.Contract;

namespace Payments.Application.Tests.Consumers;

/// <summary>
/// A consumer whose output is the list of positions it handled, standing in for a projector's table. It outlives any
/// one subscription, so a page delivered again after a restart shows up as a repeat.
/// </summary>
public sealed class RecordingConsumer : IEventConsumer
{
    private readonly List<long> _handled = [];
    private readonly List<long[]> _calls = [];
    private readonly Lock _lock = new();

    public string Name { get; init; } = "recording";

    /// <summary>What an event makes the consumer throw, or null when it can handle it; one such event fails its whole page.</summary>
    public Func<StoredEvent, Exception?> Fault { get; set; } = _ => null;

    /// <summary>Runs before anything of the page is recorded.</summary>
    public Action<IReadOnlyList<StoredEvent>> BeforeHandle { get; set; } = _ => { };

    /// <summary>Runs once the page is recorded, before the subscription learns of it.</summary>
    public Action<IReadOnlyList<StoredEvent>> AfterHandle { get; set; } = _ => { };

    /// <summary>Positions of every event handled, in handling order, repeats included.</summary>
    public IReadOnlyList<long> Handled
    {
        get
        {
            lock (_lock)
            {
                return [.. _handled];
            }
        }
    }

    /// <summary>The positions handed over in every call, failed ones included.</summary>
    public IReadOnlyList<IReadOnlyList<long>> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    public int CallsAlone(long position) => Calls.Count(c => c.Count == 1 && c[0] == position);

    public Task Handle(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            var positions = events.Select(e => e.Position).ToArray();
            lock (_lock)
            {
                _calls.Add(positions);
            }

            BeforeHandle(events);
            foreach (var stored in events)
            {
                if (Fault(stored) is { } fault)
                {
                    throw fault;
                }
            }

            lock (_lock)
            {
                _handled.AddRange(positions);
            }

            AfterHandle(events);
            return Task.CompletedTask;
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
    }
}

using System.Diagnostics.Metrics;

namespace Payments.Functions.OperatorConsole.Live;

/// <summary>
/// The Live page's figures, from the same instruments <c>/metrics</c> exports (meters named <c>Payments.*</c>, names of
/// the metrics contract), heard in-process by a <see cref="MeterListener"/>: counters and the time-to-terminal
/// histogram accumulate into the current slot, gauges are observed when the slot closes (<see cref="Tick"/>, every
/// <see cref="Resolution"/>), and the last <see cref="Slots"/> closed slots (ten minutes) are kept.
/// </summary>
public sealed class LiveMetrics : IDisposable
{
    public const string MeterPrefix = "Payments.";
    public const int Slots = 120;
    public static readonly TimeSpan Resolution = TimeSpan.FromSeconds(5);

    private const int MaxLatenciesPerSlot = 20_000;

    private static readonly HashSet<string> Counted = ["payments.requested", "payments.completed", "payments.failed"];
    private static readonly HashSet<string> Timed = ["payments.time_to_terminal"];
    private static readonly Dictionary<string, string> Observed = new(StringComparer.Ordinal)
    {
        ["payments.queue.depth"] = "queue",
        ["payments.queue.oldest_age"] = "queue",
        ["payments.queue.dead_letters"] = "queue",
        ["payments.consumer.lag"] = "consumer",
        ["payments.consumer.behind"] = "consumer",
    };

    private readonly TimeProvider _time;
    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly Queue<LiveSample> _closed = new();
    private readonly List<double> _latencies = [];
    private readonly Dictionary<string, double> _gauges = new(StringComparer.Ordinal);
    private long _requested;
    private long _completed;
    private long _failed;

    public LiveMetrics(TimeProvider time)
        : this(time, MeterPrefix)
    {
    }

    /// <param name="meterPrefix">Which meters to hear; a test narrows it to its own meter so a host running beside it does not count.</param>
    public LiveMetrics(TimeProvider time, string meterPrefix)
    {
        _time = time;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name.StartsWith(meterPrefix, StringComparison.Ordinal)
                && (Counted.Contains(instrument.Name) || Timed.Contains(instrument.Name) || Observed.ContainsKey(instrument.Name)))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Observes the gauges, closes the current slot and opens the next; the oldest slot beyond ten minutes is dropped.</summary>
    public LiveSample Tick()
    {
        _listener.RecordObservableInstruments();
        lock (_gate)
        {
            var sorted = _latencies.Order().ToArray();
            var sample = new LiveSample(
                _time.GetUtcNow(), _requested, _completed, _failed,
                Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99),
                new Dictionary<string, double>(_gauges, StringComparer.Ordinal));
            _closed.Enqueue(sample);
            while (_closed.Count > Slots)
            {
                _closed.Dequeue();
            }

            _requested = _completed = _failed = 0;
            _latencies.Clear();
            _gauges.Clear();
            return sample;
        }
    }

    /// <summary>The closed slots, oldest first.</summary>
    public IReadOnlyList<LiveSample> Samples()
    {
        lock (_gate)
        {
            return [.. _closed];
        }
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>Nearest-rank percentile of an ascending array; null for an empty one.</summary>
    public static double? Percentile(double[] ascending, double quantile)
    {
        ArgumentNullException.ThrowIfNull(ascending);
        if (ascending.Length == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(quantile * ascending.Length);
        return ascending[Math.Clamp(rank, 1, ascending.Length) - 1];
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var name = instrument.Name;
        string? key = null;
        if (Observed.TryGetValue(name, out var tag))
        {
            key = name["payments.".Length..] + "/" + TagValue(tags, tag);
        }

        lock (_gate)
        {
            switch (name)
            {
                case "payments.requested":
                    _requested += (long)value;
                    break;
                case "payments.completed":
                    _completed += (long)value;
                    break;
                case "payments.failed":
                    _failed += (long)value;
                    break;
                case "payments.time_to_terminal" when TagValue(tags, "status") == "COMPLETED" && _latencies.Count < MaxLatenciesPerSlot:
                    _latencies.Add(value);
                    break;
                default:
                    if (key is not null)
                    {
                        _gauges[key] = value;
                    }

                    break;
            }
        }
    }

    private static string TagValue(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value?.ToString() ?? "";
            }
        }

        return "";
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Payments.Functions.Tests.Gateway;

/// <summary>Every log entry the host writes, with its category, rendered message and structured fields.</summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedEntry> _entries = new();

    public IReadOnlyList<CapturedEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _entries);

    /// <summary>The access log line is written after the response is sent, so a test may read before it lands.</summary>
    public async Task<CapturedEntry> WaitFor(Func<CapturedEntry, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (_entries.FirstOrDefault(match) is { } entry)
            {
                return entry;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("No matching log entry within 10 s.");
    }

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<CapturedEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            entries.Enqueue(new CapturedEntry(category, formatter(state, exception), fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal)));
        }
    }
}

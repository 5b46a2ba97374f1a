using Microsoft.Data.Sqlite;
using Payments.Projections.Projector;

namespace Payments.Bench;

/// <summary>
/// Reads the payments projection's checkpoint in payments.db (read-only) every ~10 ms and keeps each new value with the
/// time it was first seen: the first moment the read model covered a position, to within one interval.
/// </summary>
internal sealed class CheckpointSampler : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    private readonly string _path;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(DateTimeOffset At, long Position)> _seen = [];
    private readonly Task _sampling;
    private SqliteConnection? _connection;

    private CheckpointSampler(string path)
    {
        _path = path;
        _sampling = Task.Run(Sample, CancellationToken.None);
    }

    public long Reads { get; private set; }

    public static CheckpointSampler Start(string readModelPath) => new(readModelPath);

    /// <summary>Stops sampling; returns each checkpoint value with the time it was first seen, ascending.</summary>
    public async Task<IReadOnlyList<(DateTimeOffset At, long Position)>> Stop()
    {
        await _stop.CancelAsync();
        await _sampling;
        return _seen;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await Stop();
        }

        _stop.Dispose();
    }

    private async Task Sample()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            var last = -1L;
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var at = DateTimeOffset.UtcNow;
                var position = Read();
                Reads++;
                if (position > last)
                {
                    _seen.Add((at, position));
                    last = position;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped.
        }
        finally
        {
            _connection?.Dispose();
        }
    }

    private long Read()
    {
        try
        {
            _connection ??= ReadOnlySqlite.Open(_path);
            using var read = ReadOnlySqlite.Command(
                _connection, "SELECT position FROM consumer_checkpoints WHERE consumer = $consumer", ("$consumer", PaymentProjectionConsumer.ConsumerName));
            return read.ExecuteScalar() is long position ? position : 0;
        }
        catch (SqliteException)
        {
            // payments.db or its checkpoint table is not there yet: nothing projected.
            return 0;
        }
    }
}

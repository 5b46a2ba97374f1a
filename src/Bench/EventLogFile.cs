using Microsoft.Data.Sqlite;
using Payments.EventStore.Integrity;

namespace Payments.Bench;

/// <summary>
/// A running serve's events.db, read-only: the events table's recorded_at (occurred_at, the writer's clock at append)
/// and type are all the pipeline figures need. Also tails the log by position for the backlog series.
/// </summary>
internal sealed class EventLogFile(SqliteConnection connection) : IDisposable
{
    public const string Requested = "PaymentRequested";
    public const string Completed = "PaymentCompleted";
    public const string Failed = "PaymentFailed";

    private long _tailPosition;

    public long RequestedSoFar { get; private set; }

    public long TerminalSoFar { get; private set; }

    public static EventLogFile Open(string path) => new(ReadOnlySqlite.Open(path));

    /// <summary>Counts the requested and terminal events appended since the last call.</summary>
    public void Advance()
    {
        using var read = ReadOnlySqlite.Command(connection, "SELECT position, type FROM events WHERE position > $after ORDER BY position", ("$after", _tailPosition));
        using var rows = read.ExecuteReader();
        while (rows.Read())
        {
            _tailPosition = rows.GetInt64(0);
            switch (rows.GetString(1))
            {
                case Requested:
                    RequestedSoFar++;
                    break;
                case Completed or Failed:
                    TerminalSoFar++;
                    break;
            }
        }
    }

    /// <summary>Every payment requested at or after <paramref name="from"/>, with its terminal event's time if it has one.</summary>
    public IReadOnlyList<PaymentTiming> PaymentsSince(DateTimeOffset from)
    {
        using var read = ReadOnlySqlite.Command(
            connection,
            """
            SELECT r.occurred_at, t.occurred_at, t.type
            FROM events r
            LEFT JOIN events t ON t.stream_id = r.stream_id AND t.type IN ($completed, $failed)
            WHERE r.type = $requested AND r.occurred_at >= $from
            """,
            ("$completed", Completed),
            ("$failed", Failed),
            ("$requested", Requested),
            ("$from", EventHashChain.FormatTime(from)));
        using var rows = read.ExecuteReader();
        var payments = new List<PaymentTiming>();
        while (rows.Read())
        {
            var terminal = rows.IsDBNull(1) ? (DateTimeOffset?)null : EventHashChain.ParseTime(rows.GetString(1));
            payments.Add(new PaymentTiming(EventHashChain.ParseTime(rows.GetString(0)), terminal, !rows.IsDBNull(2) && rows.GetString(2) == Completed));
        }

        return payments;
    }

    /// <summary>Position and recorded_at of every event recorded at or after <paramref name="from"/>, in log order.</summary>
    public IReadOnlyList<(long Position, DateTimeOffset RecordedAt)> EventsSince(DateTimeOffset from)
    {
        using var read = ReadOnlySqlite.Command(
            connection, "SELECT position, occurred_at FROM events WHERE occurred_at >= $from ORDER BY position", ("$from", EventHashChain.FormatTime(from)));
        using var rows = read.ExecuteReader();
        var events = new List<(long, DateTimeOffset)>();
        while (rows.Read())
        {
            events.Add((rows.GetInt64(0), EventHashChain.ParseTime(rows.GetString(1))));
        }

        return events;
    }

    /// <summary>Terminal events recorded in [from, to): how fast the pipeline finished payments meanwhile.</summary>
    public long TerminalBetween(DateTimeOffset from, DateTimeOffset to)
    {
        using var count = ReadOnlySqlite.Command(
            connection,
            "SELECT COUNT(*) FROM events WHERE type IN ($completed, $failed) AND occurred_at >= $from AND occurred_at < $to",
            ("$completed", Completed),
            ("$failed", Failed),
            ("$from", EventHashChain.FormatTime(from)),
            ("$to", EventHashChain.FormatTime(to)));
        return (long)count.ExecuteScalar()!;
    }

    public void Dispose() => connection.Dispose();
}

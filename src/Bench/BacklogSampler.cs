using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Payments.Bench;

/// <summary>Samples the backlog once a second from the serve's files (read-only): the event log's tail and the job queue's row count.</summary>
internal sealed class BacklogSampler(EventLogFile events, string jobsPath) : IDisposable
{
    public const string LoadPhase = "load";
    public const string DrainPhase = "drain";

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<BacklogSample> _series = [];
    private SqliteConnection? _jobs;

    public IReadOnlyList<BacklogSample> Series => _series;

    public BacklogSample Sample(string phase)
    {
        events.Advance();
        var sample = new BacklogSample(Math.Round(_clock.Elapsed.TotalSeconds, 1), phase, events.RequestedSoFar, events.TerminalSoFar, JobsPending());
        _series.Add(sample);
        return sample;
    }

    public void Dispose() => _jobs?.Dispose();

    /// <summary>Rows in jobs.db's queue (waiting or leased). Null when the file or table is not there (another queue layout).</summary>
    private long? JobsPending()
    {
        try
        {
            _jobs ??= ReadOnlySqlite.Open(jobsPath);
            using var count = ReadOnlySqlite.Command(_jobs, "SELECT COUNT(*) FROM jobs");
            return (long)count.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return null;
        }
    }
}

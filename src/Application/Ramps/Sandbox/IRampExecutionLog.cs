using Payments.Domain.Ramps;

namespace Payments.Application.Ramps.Sandbox;

/// <summary>
/// The sandbox providers' memory, kept where every instance sees it (a SQLite file embedded, a DynamoDB table in the
/// cloud), as a real provider keeps it server-side: the first transaction recorded for a request key wins and is
/// returned for every later call with that key.
/// </summary>
public interface IRampExecutionLog
{
    /// <summary>Counts a call for the key and returns its recorded transaction, if any.</summary>
    Task<RampTransaction?> FindAndCountCall(RampRequestKey key, CancellationToken cancellationToken);

    /// <summary>The recorded transaction for the key, if any, without counting a call: a status lookup.</summary>
    Task<RampTransaction?> Find(RampRequestKey key, CancellationToken cancellationToken);

    /// <summary>Records <paramref name="candidate"/> unless the key already has a transaction; returns the one that stands.</summary>
    Task<RampTransaction> Record(RampTransaction candidate, CancellationToken cancellationToken);

    /// <summary>
    /// Executed transactions (never refusals) with an execution time at or after <paramref name="from"/> and before
    /// <paramref name="to"/>, in execution order: the rows behind the providers' settlement statements.
    /// </summary>
    Task<IReadOnlyList<RampTransaction>> Executed(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}

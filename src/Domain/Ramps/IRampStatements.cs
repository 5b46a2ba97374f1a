namespace Payments.Domain.Ramps;

/// <summary>
/// A provider's settlement statement: the transactions it says it executed, refusals never included. Finance holds
/// the ledger against it; the provider's books are the other side's record, not ours.
/// </summary>
public interface IRampStatements
{
    /// <summary>Lines executed at or after <paramref name="from"/> and before <paramref name="to"/>, by execution time.</summary>
    /// <exception cref="RampUnavailableException">The provider could not be asked.</exception>
    Task<IReadOnlyList<SettlementStatementLine>> Statement(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}

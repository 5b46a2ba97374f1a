using Payments.Domain.Money;

namespace Payments.Domain.Requests;

/// <summary>A payment request that passed every rule; only <see cref="PaymentRequestValidator"/> makes one.</summary>
public sealed record ValidPaymentRequest
{
    internal ValidPaymentRequest(decimal amount, Currency currency, string sourceAccount, string destinationAccount)
    {
        Amount = amount;
        Currency = currency;
        SourceAccount = sourceAccount;
        DestinationAccount = destinationAccount;
    }

    public decimal Amount { get; }

    public Currency Currency { get; }

    public string SourceAccount { get; }

    public string DestinationAccount { get; }

    /// <summary>
    /// SHA-256 over the canonical request, so "10.5" and "10.50" are the same body and a retry with
    /// a changed amount or account is told apart from a genuine retry.
    /// </summary>
    public string Fingerprint()
    {
        var canonical = string.Join('\n', Currency.Format(Amount), Currency.Code, SourceAccount, DestinationAccount);
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical));
        return Convert.ToHexStringLower(hash);
    }
}

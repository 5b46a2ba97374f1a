namespace Payments.Domain.Decisions;

/// <summary>
/// The stable codes and messages a client sees on a FAILED payment. Provider text never reaches clients: it stays
/// in the leg's failure event and the logs, where operators read it.
/// </summary>
public static class PaymentErrorCodes
{
    public const string OnRampRefused = "on_ramp_refused";
    public const string OnRampUnavailable = "on_ramp_unavailable";
    public const string PayoutFailedFundsReturned = "payout_failed_funds_returned";
    public const string Abandoned = "abandoned";

    public static string MessageFor(string code) => code switch
    {
        OnRampRefused => "The conversion provider refused the payment; nothing was converted.",
        OnRampUnavailable => "The conversion provider was unavailable; nothing was converted.",
        PayoutFailedFundsReturned => "The payout could not be made; the converted funds were returned to the source account.",
        Abandoned => "The payment was stopped by an operator; nothing was converted.",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown payment error code"),
    };
}

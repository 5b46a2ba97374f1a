using System.Globalization;
using Payments.Domain.Events;
using Payments.Domain.Ramps;
using Payments.EventStore.Contract;

namespace Payments.Functions.Cli.Export;

/// <summary>
/// One event as the fixed columns finance reconciles on. <c>amount</c>/<c>currency</c> is the fiat of the event (the
/// request, the payout or the reversal), <c>stablecoin_amount</c> what the on-ramp bought; amounts are
/// <see cref="ExactAmount"/>s, never rounded and never in exponent form. Columns an event has nothing for stay empty.
/// </summary>
internal sealed record FinanceCsvRow(
    string? Amount = null,
    string? Currency = null,
    string? StablecoinAmount = null,
    string? Stablecoin = null,
    string? Rate = null,
    string? Leg = null,
    string? TxId = null,
    string? ErrorCode = null,
    string? Reason = null)
{
    public static IReadOnlyList<string> Header { get; } =
    [
        "position", "recorded_at", "payment_id", "version", "type", "client_id", "amount", "currency", "stablecoin_amount",
        "stablecoin", "rate", "leg", "tx_id", "error_code", "reason", "correlation_id", "actor", "hash",
    ];

    public static FinanceCsvRow Of(PaymentEvent @event) => @event switch
    {
        PaymentEvent.PaymentRequested e => new(Amount: ExactAmount.In(e.Amount, e.Currency), Currency: e.Currency),
        PaymentEvent.OnRampCompleted e => new(StablecoinAmount: ExactAmount.Of(e.StablecoinAmount), Stablecoin: e.Stablecoin, Rate: ExactAmount.Of(e.Rate), Leg: LegName(RampLeg.OnRamp), TxId: e.OnRampTxId),
        PaymentEvent.OnRampFailed e => new(Leg: LegName(RampLeg.OnRamp), Reason: e.Reason),
        PaymentEvent.OffRampCompleted e => new(ExactAmount.In(e.FiatAmount, e.FiatCurrency), e.FiatCurrency, Rate: ExactAmount.Of(e.Rate), Leg: LegName(RampLeg.OffRamp), TxId: e.OffRampTxId),
        PaymentEvent.OffRampFailed e => new(Leg: LegName(RampLeg.OffRamp), Reason: e.Reason),
        PaymentEvent.RampOutcomeUnknown e => new(Leg: LegName(e.Leg), Reason: e.Reason),
        PaymentEvent.ReversalCompleted e => new(ExactAmount.In(e.FiatAmount, e.FiatCurrency), e.FiatCurrency, Rate: ExactAmount.Of(e.Rate), Leg: LegName(RampLeg.Reversal), TxId: e.ReversalTxId),
        PaymentEvent.ReversalRefused e => new(Leg: LegName(RampLeg.Reversal), Reason: e.Reason),
        PaymentEvent.PaymentFailed e => new(ErrorCode: e.ErrorCode, Reason: e.ErrorMessage),
        PaymentEvent.PaymentProcessingStarted or PaymentEvent.PaymentCompleted => new(),
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "No CSV columns for this event"),
    };

    /// <summary>The CSV line: numbers as they are, every text field made inert first.</summary>
    public string Line(StoredEvent stored, string clientId) => CsvText.Line(
    [
        stored.Position.ToString(CultureInfo.InvariantCulture),
        stored.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        CsvText.Inert(stored.StreamId.Value),
        stored.Version.ToString(CultureInfo.InvariantCulture),
        CsvText.Inert(stored.Type),
        CsvText.Inert(clientId),
        Amount,
        CsvText.Inert(Currency),
        StablecoinAmount,
        CsvText.Inert(Stablecoin),
        Rate,
        Leg,
        CsvText.Inert(TxId),
        CsvText.Inert(ErrorCode),
        CsvText.Inert(Reason),
        CsvText.Inert(stored.Metadata.CorrelationId),
        CsvText.Inert(stored.Metadata.Actor),
        CsvText.Inert(stored.Hash),
    ]);

    /// <summary>The leg as the stored events spell it (<c>on_ramp</c>, <c>off_ramp</c>, <c>reversal</c>).</summary>
    private static string LegName(RampLeg leg) => leg switch
    {
        RampLeg.OnRamp => "on_ramp",
        RampLeg.OffRamp => "off_ramp",
        RampLeg.Reversal => "reversal",
        _ => throw new ArgumentOutOfRangeException(nameof(leg), leg, "Unknown ramp leg"),
    };
}

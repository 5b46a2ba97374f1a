namespace Payments.Bench;

/// <summary>One payment as the server recorded it: when its PaymentRequested was appended (the 202) and when its terminal event was, if any.</summary>
internal sealed record PaymentTiming(DateTimeOffset RequestedAt, DateTimeOffset? TerminalAt, bool Completed)
{
    public double? AcceptedToTerminalMilliseconds => TerminalAt is { } at ? (at - RequestedAt).TotalMilliseconds : null;
}

namespace Payments.Functions.OperatorConsole;

/// <summary>
/// The one-line outcome shown after a form posts and redirects (post/redirect/get): the redirect carries a fixed code,
/// never free text, so a crafted link cannot make the console say anything else.
/// </summary>
public static class ConsoleNotices
{
    private static readonly Dictionary<string, string> Texts = new(StringComparer.Ordinal)
    {
        ["redelivered"] = "Redelivery queued: a new round of attempts under the same webhook-id.",
        ["endpoint-disabled"] = "Not redelivered: the delivery's endpoint is disabled or deleted; enable it first.",
        ["requeued"] = "Re-enqueued: the worker takes the payment up from where its events say it stands.",
        ["already-queued"] = "A job for this payment is already waiting in the queue.",
        ["handled"] = "Re-run: the consumer handled the event and it was released.",
        ["failed-again"] = "The event failed again; it stays parked with the new error.",
        ["gone"] = "Nothing to do: it was dealt with already.",
    };

    public static string? Text(string? code) => code is not null && Texts.TryGetValue(code, out var text) ? text : null;
}

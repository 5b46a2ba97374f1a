namespace Payments.TestServices;

/// <summary>
/// A request as <see cref="WebhookReceiver"/> got it: the raw body, the headers (names lower case) and, per configured
/// secret in order, what the <c>standardwebhooks</c> verifier said: <see cref="Ok"/> or its error message.
/// </summary>
public sealed record ReceivedWebhook(
    string Path,
    string Method,
    IReadOnlyDictionary<string, string> Headers,
    byte[] RawBody,
    DateTimeOffset ReceivedAt,
    IReadOnlyList<string> Verifications,
    int RepliedStatus)
{
    public const string Ok = "ok";

    public string Body => System.Text.Encoding.UTF8.GetString(RawBody);

    /// <summary>True when the signature verified with at least one configured secret.</summary>
    public bool Verified => Verifications.Contains(Ok);

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}

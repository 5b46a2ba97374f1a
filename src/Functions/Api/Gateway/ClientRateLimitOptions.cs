using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Payments.Functions.Api.Gateway;

/// <summary>
/// Requests per second each caller may make (<c>PAYMENTS_RATELIMIT__*</c>): an authenticated client gets its own bucket,
/// sized by <see cref="Clients"/> when named there (<c>PAYMENTS_RATELIMIT__CLIENTS__shop__PERMITSPERSECOND</c>) and by the
/// default otherwise; a request without a valid key is limited per remote address by <see cref="Anonymous"/>.
/// </summary>
public sealed class ClientRateLimitOptions : IValidatableObject
{
    public const string ClientsVariable = "PAYMENTS_RATELIMIT__CLIENTS";

    /// <summary>Off, nothing is rate limited here (the cloud column leaves it to API Gateway's stage throttling).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Above what one embedded host serves, so the default only stops a runaway client and never a busy one: the
    /// API benchmark's client makes two requests (a POST and a GET) per payment at 1,000–2,000 payments a second.
    /// </summary>
    [Range(1, TokenBucketLimit.MaxPermitsPerSecond)]
    public int PermitsPerSecond { get; set; } = 5_000;

    [Range(1, 2 * TokenBucketLimit.MaxPermitsPerSecond)]
    public int? Burst { get; set; }

    /// <summary>Per remote address, for requests without a valid API key: enough for a person, not for guessing keys.</summary>
    [ValidateObjectMembers]
    public TokenBucketLimit Anonymous { get; set; } = new() { PermitsPerSecond = 50, Burst = 100 };

    /// <summary>Overrides by client id (case-sensitive, as API keys name clients).</summary>
    public Dictionary<string, TokenBucketLimit> Clients { get; set; } = new(StringComparer.Ordinal);

    public TokenBucketLimit For(string clientId) =>
        Clients.TryGetValue(clientId, out var limit) ? limit : new TokenBucketLimit { PermitsPerSecond = PermitsPerSecond, Burst = Burst };

    /// <summary>The generated options validator does not look inside dictionaries, so each override is checked here, named by its variable.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (clientId, limit) in Clients)
        {
            var variable = $"{ClientsVariable}__{clientId}__";
            if (limit.PermitsPerSecond is < 1 or > TokenBucketLimit.MaxPermitsPerSecond)
            {
                yield return new ValidationResult($"{variable}PERMITSPERSECOND: must be between 1 and {TokenBucketLimit.MaxPermitsPerSecond} (is {limit.PermitsPerSecond}).");
            }

            if (limit.Burst is < 1 or > 2 * TokenBucketLimit.MaxPermitsPerSecond)
            {
                yield return new ValidationResult($"{variable}BURST: must be between 1 and {2 * TokenBucketLimit.MaxPermitsPerSecond} (is {limit.Burst}).");
            }
        }
    }
}

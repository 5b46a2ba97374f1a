using System.ComponentModel.DataAnnotations;

namespace Payments.Functions.Api.Gateway;

/// <summary>
/// Which browser origins may call the API (<c>PAYMENTS_CORS__ALLOWEDORIGINS</c>, comma-separated, e.g.
/// <c>https://dashboard.example,http://localhost:3000</c>). None by default: the API is for servers, and a browser app
/// is an explicit decision. What they may send and read is fixed by <see cref="CrossOriginPolicy"/>.
/// </summary>
public sealed class CrossOriginOptions : IValidatableObject
{
    public const string Variable = "PAYMENTS_CORS__ALLOWEDORIGINS";

    public string? AllowedOrigins { get; set; }

    public IReadOnlyList<string> Origins =>
        AllowedOrigins?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    /// <summary>An origin is scheme, host and port only: the browser sends exactly that, so anything more would never match.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var origin in Origins)
        {
            var valid = Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                && uri.Scheme is "https" or "http"
                && string.Equals(uri.GetLeftPart(UriPartial.Authority), origin, StringComparison.OrdinalIgnoreCase);
            if (!valid)
            {
                yield return new ValidationResult($"{Variable}: '{origin}' is not an origin; expected scheme://host[:port], e.g. https://dashboard.example.");
            }
        }
    }
}

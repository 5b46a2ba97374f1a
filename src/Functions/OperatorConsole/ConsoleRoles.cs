using Payments.Functions.Api.Auth;

namespace Payments.Functions.OperatorConsole;

/// <summary>
/// Which roles open which console page: the same role sets the API's routes require (<see cref="ApiPolicies"/>), so a
/// key sees in the console exactly what it could fetch from the API.
/// </summary>
public static class ConsoleRoles
{
    public static string[] Payments => ApiPolicies.PaymentReaders;

    public static string[] Redeliver => ApiPolicies.WebhookRedeliverers;

    public static string[] Attention { get; } = [ApiPolicies.Operator];

    public static string[] Reconciliation { get; } = [ApiPolicies.Finance];

    /// <summary>Aggregates over every client: not for a client key, which may only learn about its own payments.</summary>
    public static string[] Live { get; } = [ApiPolicies.Operator, ApiPolicies.Auditor, ApiPolicies.Finance];

    public static bool Holds(ApiClient caller, string[] roles)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.Roles.Any(roles.Contains);
    }
}

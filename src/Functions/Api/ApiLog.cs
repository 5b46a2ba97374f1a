namespace Payments.Functions.Api;

internal static partial class ApiLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    public static partial void Unhandled(ILogger logger, Exception exception, string method, PathString path);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning,
        Message = "Idempotency key of client {ClientId} is claimed by payment {PaymentId} of another client (a claim from before client ids were validated); answered 422 without naming it")]
    public static partial void KeyClaimedByAnotherClient(ILogger logger, string clientId, Guid paymentId);
}

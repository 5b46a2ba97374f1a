using Microsoft.Extensions.Logging;

namespace Payments.Projections.Projector;

internal static partial class ProjectorLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Payment {PaymentId}: version {Version} arrived with the row at {RowVersion}; refolded the stream")]
    public static partial void Healed(ILogger logger, Guid paymentId, long version, long rowVersion);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "Payment {PaymentId}: lost a write race at version {Version}; retrying")]
    public static partial void LostRace(ILogger logger, Guid paymentId, long version);
}

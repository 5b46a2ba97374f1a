using Microsoft.Extensions.Logging;

namespace Payments.Projections.Projector;

internal static partial class ProjectorLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Payment {PaymentId}: version {Version} arrived with the row at {RowVersion}; refolded the stream")]
    public static partial void Healed(ILogger logger, Guid paymentId, long version, long rowVersion);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "Payment {PaymentId}: lost a write race at version {Version}; retrying")]
    public static partial void LostRace(ILogger logger, Guid paymentId, long version);

    [LoggerMessage(EventId = 5110, Level = LogLevel.Information, Message = "Embedded projection applied {Events} events up to position {Position}")]
    public static partial void CaughtUp(ILogger logger, long events, long position);

    [LoggerMessage(EventId = 5111, Level = LogLevel.Error, Message = "Embedded projection failed after its checkpoint; retrying after a pause")]
    public static partial void TailFailed(ILogger logger, Exception error);
}

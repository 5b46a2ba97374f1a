
namespace Payments.Functions.Hosting;

internal static partial class HostLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Payments ledger listening on {Urls}; data in {DataDirectory}")]
    public static partial void Listening(ILogger logger, string urls, string dataDirectory);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "No PAYMENTS_API_KEYS configured: created a development API key for client '{ClientId}'; only its hash is stored in {KeyFile}")]
    public static partial void DevKeyCreated(ILogger logger, string clientId, string keyFile);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Handed {Jobs} jobs leased by a previous process back to the queue")]
    public static partial void LeasesReclaimed(ILogger logger, int jobs);

    [LoggerMessage(EventId = 4, Level = LogLevel.Critical, Message = "Event store faulted ({Reason}); stopping, exit code {ExitCode}, for a supervisor to restart")]
    public static partial void StoreFaulted(ILogger logger, string reason, int exitCode);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Signed audit checkpoint: tree size {TreeSize}, key {KeyId}")]
    public static partial void CheckpointSigned(ILogger logger, long treeSize, string keyId);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "Could not sign an audit checkpoint; trying again at the next interval")]
    public static partial void CheckpointFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Could not measure the queues and consumers for the gauges; keeping the last figures")]
    public static partial void GaugesFailed(ILogger logger, Exception exception);
}

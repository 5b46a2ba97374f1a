namespace Payments.Functions.Api.Contracts;

/// <summary>An event a log consumer gave up on: where it is in the log, whose stream, the last error and the tries.</summary>
public sealed record ParkedEventResponse(
    string Consumer, long Position, string StreamId, long Version, string Type, string Error, int Attempts, DateTimeOffset ParkedAt);

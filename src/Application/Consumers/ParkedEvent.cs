namespace Payments.Application.Consumers;

/// <summary>An event a consumer could not handle after <paramref name="Attempts"/> tries, parked so later events could go on.</summary>
public sealed record ParkedEvent(
    string Consumer, long Position, string StreamId, long Version, string Type, string Error, int Attempts, DateTimeOffset ParkedAt);

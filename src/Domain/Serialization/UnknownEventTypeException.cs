namespace Payments.Domain.Serialization;

/// <summary>A stored event names a type or schema version this build cannot read; replaying on would hide history.</summary>
public sealed class UnknownEventTypeException : Exception
{
    public UnknownEventTypeException(string type, int schemaVersion)
        : base($"Unknown payment event type '{type}' (schema version {schemaVersion}).")
    {
        Type = type;
        SchemaVersion = schemaVersion;
    }

    public UnknownEventTypeException()
    {
        Type = "";
    }

    public UnknownEventTypeException(string message)
        : base(message)
    {
        Type = "";
    }

    public UnknownEventTypeException(string message, Exception innerException)
        : base(message, innerException)
    {
        Type = "";
    }

    public string Type { get; }

    public int SchemaVersion { get; }
}

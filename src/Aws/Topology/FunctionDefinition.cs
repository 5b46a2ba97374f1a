namespace Payments.Aws.Topology;

/// <summary>
/// One Lambda function of the one executable: <c>payments lambda NAME</c> on provided.al2023, its size, its trigger,
/// the environment it reads (names known up front, queue URLs resolved at deploy), and its least-privilege statements.
/// Published as a version behind the <see cref="LiveAlias"/> alias, which triggers invoke, so a deploy can shift and roll back.
/// </summary>
public sealed record FunctionDefinition(
    string Name,
    int MemoryMb,
    int TimeoutSeconds,
    int? ReservedConcurrency,
    FunctionTrigger Trigger,
    IReadOnlyDictionary<string, EnvironmentValue> Environment,
    IReadOnlyList<PolicyStatement> Policy)
{
    public const string LiveAlias = "live";

    /// <summary>The bundle's <c>bootstrap</c> runs <c>payments lambda $_HANDLER</c>.</summary>
    public string Handler => Name;
}

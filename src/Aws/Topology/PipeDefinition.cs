namespace Payments.Aws.Topology;

/// <summary>
/// EventBridge Pipe from the events table's stream to the bus: every INSERT passes <see cref="FilterPattern"/> (the bus's
/// rules do the choosing), and <see cref="DetailTypePath"/> (a JSON path, as Pipes requires for dynamic target
/// parameters) and <see cref="DetailTemplate"/> (an input template) turn a stream record into the envelope's detail-type
/// and detail (source <see cref="EventSource"/>), so cloud rules see the same envelope the embedded router builds.
/// </summary>
public sealed record PipeDefinition(
    string Name, ResourceRef Source, ResourceRef Target, string FilterPattern, string EventSource, string DetailTypePath, string DetailTemplate);

namespace Payments.Aws.Topology;

public enum ResourceKind
{
    Table,
    TableIndexes,
    TableStream,
    Queue,
    LogGroup,
    EventBus,
}

namespace Payments.Aws.Topology;

public enum ResourceKind
{
    Table,
    TableIndexes,
    TableStream,
    Queue,
    LogGroup,
    EventBus,

    /// <summary>Every stream of the account: <c>dynamodb:ListStreams</c> has no narrower resource type.</summary>
    AccountStreams,
}

namespace Payments.Aws.Topology;

public enum ResourceKind
{
    Table,
    TableIndexes,
    TableStream,
    Queue,
    LogGroup,
    EventBus,

    /// <summary>An SSM Parameter Store SecureString.</summary>
    Parameter,

    /// <summary>Every stream of the account: <c>dynamodb:ListStreams</c> has no narrower resource type.</summary>
    AccountStreams,
}

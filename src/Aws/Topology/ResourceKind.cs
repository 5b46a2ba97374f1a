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

    /// <summary>A KMS key.</summary>
    Key,

    /// <summary>An EventBridge rule (on the topology's bus).</summary>
    EventRule,

    /// <summary>Every stream of the account: <c>dynamodb:ListStreams</c> has no narrower resource type.</summary>
    AccountStreams,
}

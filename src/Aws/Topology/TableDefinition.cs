using Amazon.DynamoDBv2.Model;

namespace Payments.Aws.Topology;

/// <summary>
/// A DynamoDB table exactly as the code creates it for tests (<see cref="Table"/>: keys, GSIs, Streams, on-demand
/// billing), plus what CreateTable cannot say: point-in-time recovery and server-side encryption.
/// </summary>
public sealed record TableDefinition(CreateTableRequest Table, bool PointInTimeRecovery, bool ServerSideEncryption)
{
    public string Name => Table.TableName;
}

using Payments.Aws.Topology;
using Pulumi.Aws.DynamoDB;
using Pulumi.Aws.DynamoDB.Inputs;
using DynamoIndex = Amazon.DynamoDBv2.Model.GlobalSecondaryIndex;
using DynamoKeyType = Amazon.DynamoDBv2.KeyType;
using KeySchemaElement = Amazon.DynamoDBv2.Model.KeySchemaElement;

namespace Payments.Infrastructure;

/// <summary>
/// A <see cref="TableDefinition"/> as an <c>aws.dynamodb.Table</c>: the same CreateTableRequest the tests create in
/// DynamoDB Local, so the cloud table and the emulated one cannot differ in keys, indexes or streams.
/// </summary>
public static class Tables
{
    public static Table Provision(TableDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var request = definition.Table;
        if (request.LocalSecondaryIndexes is { Count: > 0 })
        {
            // Refusing beats silently creating a table without an index the code queries.
            throw new NotSupportedException($"{definition.Name}: local secondary indexes are not mapped.");
        }

        var args = new TableArgs
        {
            Name = definition.Name,
            HashKey = Key(definition.Name, request.KeySchema, DynamoKeyType.HASH),
            Attributes = request.AttributeDefinitions
                .Select(attribute => new TableAttributeArgs { Name = attribute.AttributeName, Type = attribute.AttributeType.Value })
                .ToList(),
            PointInTimeRecovery = new TablePointInTimeRecoveryArgs { Enabled = definition.PointInTimeRecovery },
            ServerSideEncryption = new TableServerSideEncryptionArgs { Enabled = definition.ServerSideEncryption },
        };
        if (OptionalKey(request.KeySchema, DynamoKeyType.RANGE) is { } rangeKey)
        {
            args.RangeKey = rangeKey;
        }

        if (request.BillingMode is { } billingMode)
        {
            args.BillingMode = billingMode.Value;
        }

        if (request.StreamSpecification is { } stream && stream.StreamEnabled == true)
        {
            args.StreamEnabled = true;
            args.StreamViewType = stream.StreamViewType.Value;
        }

        if (request.GlobalSecondaryIndexes is { } indexes)
        {
            args.GlobalSecondaryIndexes = indexes.Select(index => IndexOf(definition.Name, index)).ToList();
        }

        return new Table(definition.Name, args);
    }

    private static TableGlobalSecondaryIndexArgs IndexOf(string table, DynamoIndex index)
    {
        var args = new TableGlobalSecondaryIndexArgs
        {
            Name = index.IndexName,
            HashKey = Key($"{table}/{index.IndexName}", index.KeySchema, DynamoKeyType.HASH),
            ProjectionType = index.Projection.ProjectionType.Value,
        };
        if (OptionalKey(index.KeySchema, DynamoKeyType.RANGE) is { } rangeKey)
        {
            args.RangeKey = rangeKey;
        }

        return args;
    }

    private static string Key(string owner, IEnumerable<KeySchemaElement> schema, DynamoKeyType type) =>
        OptionalKey(schema, type) ?? throw new InvalidOperationException($"{owner} has no {type.Value} key.");

    private static string? OptionalKey(IEnumerable<KeySchemaElement> schema, DynamoKeyType type) =>
        schema.FirstOrDefault(element => element.KeyType?.Value == type.Value)?.AttributeName;
}

using Amazon.SQS.Model;
using Payments.Aws.Topology;
using Payments.TestServices;

namespace Payments.Aws.Tests.Topology;

/// <summary>The topology's tables and queues created in DynamoDB Local and fauxqs, as the cloud program would, and read back.</summary>
public sealed class TopologyOnEmulatorsTests(DynamoDbLocalFixture dynamo, Fauxqs fauxqs) : IClassFixture<DynamoDbLocalFixture>, IClassFixture<Fauxqs>
{
    private static readonly CloudTopology Topology = CloudTopology.Define(CloudEnvironment.Dev with { Name = "t" + Guid.NewGuid().ToString("N")[..8] });

    [Fact]
    public async Task Every_table_of_the_topology_creates_and_keeps_its_keys_indexes_and_stream()
    {
        foreach (var table in Topology.Tables)
        {
            await Payments.Aws.EventStore.DynamoDbTables.EnsureCreated(dynamo.Client, table.Table, CancellationToken.None);
            var described = (await dynamo.Client.DescribeTableAsync(table.Name)).Table;

            Assert.Equal(table.Table.KeySchema.Select(k => k.AttributeName), described.KeySchema.Select(k => k.AttributeName));
            Assert.Equal((table.Table.GlobalSecondaryIndexes ?? []).Select(i => i.IndexName).Order(), (described.GlobalSecondaryIndexes ?? []).Select(i => i.IndexName).Order());
            Assert.Equal(table.Table.StreamSpecification?.StreamEnabled ?? false, described.StreamSpecification?.StreamEnabled ?? false);
        }
    }

    [Fact]
    public async Task Every_queue_of_the_topology_creates_with_its_figures_and_redrive()
    {
        using var sqs = fauxqs.Client();
        var arns = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var queue in Topology.Queues.OrderBy(q => q.DeadLetter is null ? 0 : 1))
        {
            var created = await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = queue.Name, Attributes = SqsQueueAttributes.For(queue, queue.DeadLetter is { } dlq ? arns[dlq.Name] : null) });
            var attributes = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = created.QueueUrl, AttributeNames = ["All"] });
            arns[queue.Name] = attributes.QueueARN;

            Assert.Equal(queue.VisibilityTimeoutSeconds, attributes.VisibilityTimeout);
            Assert.Equal(queue.MessageRetentionSeconds, attributes.MessageRetentionPeriod);
            if (queue.DeadLetter is { } deadLetter)
            {
                Assert.Contains(arns[deadLetter.Name], attributes.Attributes["RedrivePolicy"], StringComparison.Ordinal);
                Assert.Contains($"\"maxReceiveCount\":{queue.MaxReceiveCount}", attributes.Attributes["RedrivePolicy"], StringComparison.Ordinal);
            }
        }
    }
}

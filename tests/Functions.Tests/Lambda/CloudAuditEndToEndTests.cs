using System.Text.Json;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Payments.Application.Audit.Documents;
using Payments.Application.Ledger;
using Payments.Aws.Audit;
using Payments.Aws.EventStore;
using Payments.Aws.HttpApi;
using Payments.Domain.Requests;
using Payments.EventStore.Audit;
using Payments.EventStore.Contract;
using Payments.Functions.Api.Auth;
using Payments.Functions.Lambda.Runtime;
using Payments.TestServices;

namespace Payments.Functions.Tests.Lambda;

/// <summary>
/// The cloud's verifiable log on one machine: payments appended to DynamoDB Local, their stream records handed to the
/// <c>sequencer</c> function (with a redelivered batch, as Streams may), checkpoints signed by moto's KMS, and the
/// <c>api</c> function serving the checkpoint, proofs and the ordered feed from what the sequencer wrote.
/// </summary>
public sealed class CloudAuditEndToEndTests(StreamsEndToEndFixture dynamo, Moto moto) : IClassFixture<StreamsEndToEndFixture>, IClassFixture<Moto>
{
    private const string AuditorKey = "key_cloud_auditor_0123456789";

    [Fact]
    public async Task Sequenced_stream_records_get_one_position_each_and_the_api_proves_them_against_a_kms_signed_checkpoint()
    {
        DynamoDbLocal.ExportCredentialsToThisProcess();
        var settings = await Provision();
        var events = await AppendPayments(settings, 3);
        var sequencer = await LambdaFunctions.Create(LambdaFunctions.Sequencer, settings, NullLoggerFactory.Instance, CancellationToken.None);
        var records = events.Select((e, i) => LambdaStreamsEvents.Insert(e, i + 1)).ToList();

        Assert.Equal("""{"batchItemFailures":[]}""", await sequencer(LambdaStreamsEvents.Json(records[..4]), CancellationToken.None));
        Assert.Equal("""{"batchItemFailures":[]}""", await sequencer(LambdaStreamsEvents.Json(records), CancellationToken.None));

        var api = await LambdaFunctions.Create(LambdaFunctions.Api, settings, NullLoggerFactory.Instance, CancellationToken.None);
        var first = JsonSerializer.Deserialize(await Get(api, "/audit/checkpoint"), AuditJsonContext.Default.CheckpointDocument)!;
        Assert.Equal(1, first.TreeSize); // signed by the sequencer after its first record; the next is due a minute later
        var checkpoint = JsonSerializer.Deserialize(await Send(api, "POST", "/audit/checkpoints", 201), AuditJsonContext.Default.CheckpointDocument)!;
        Assert.Equal(events.Count, checkpoint.TreeSize);
        Assert.True(checkpoint.ToCheckpoint().SignatureVerifies());

        var feed = JsonDocument.Parse(await Get(api, "/events?limit=1000")).RootElement.GetProperty("events");
        Assert.Equal(Enumerable.Range(1, events.Count).Select(p => (long)p), feed.EnumerateArray().Select(e => e.GetProperty("position").GetInt64()));
        Assert.Equal(events.Select(e => (e.StreamId.Value, e.Version)), feed.EnumerateArray().Select(e => (e.GetProperty("payment_id").GetString()!, e.GetProperty("version").GetInt64())));

        var proof = JsonSerializer.Deserialize(await Get(api, $"/audit/proofs/inclusion?position=5&tree_size={checkpoint.TreeSize}"), AuditJsonContext.Default.InclusionProofDocument)!;
        Assert.True(MerkleProofVerifier.VerifyInclusion(proof.LeafHash, 4, checkpoint.TreeSize, proof.AuditPath, checkpoint.RootHash));
        Assert.Equal((events[4].StreamId.Value, events[4].Version, events[4].Hash), (proof.Leaf.StreamId, proof.Leaf.Version, proof.Leaf.Hash));
    }

    private async Task<CloudOptions> Provision()
    {
        var table = dynamo.Prefix + "audit_" + Guid.NewGuid().ToString("N")[..8];
        await DynamoDbAuditLogSchema.EnsureCreated(dynamo.Client, table, CancellationToken.None);
        using var kms = moto.Kms();
        var key = await kms.CreateKeyAsync(new CreateKeyRequest { KeySpec = KeySpec.ECC_NIST_P256, KeyUsage = KeyUsageType.SIGN_VERIFY, Description = "audit (test)" });
        return new CloudOptions
        {
            TablePrefix = dynamo.Prefix,
            DynamoDbEndpoint = dynamo.Local.ServiceUrl,
            KmsEndpoint = moto.ServiceUrl,
            ApiKeyHashes = "audit:" + Convert.ToHexStringLower(ApiKeyRing.Hash(AuditorKey)) + ":auditor+finance",
            AuditTable = table,
            AuditKeyId = key.KeyMetadata.Arn,
        };
    }

    /// <summary>Payments of one request event each, appended through the ledger as the api would; their stored items in append order.</summary>
    private async Task<List<StoredEvent>> AppendPayments(CloudOptions settings, int count)
    {
        var store = new DynamoDbEventStore(dynamo.Client, DynamoDbEventStoreTables.WithPrefix(settings.TablePrefix), TimeProvider.System);
        var ledger = new PaymentLedger(store, TimeProvider.System);
        PaymentRequestValidator.Validate(new PaymentRequest(40m, "EUR", "DE89370400440532013000", "MX-CLABE-032180000118359719"), out var request);
        var events = new List<StoredEvent>();
        for (var i = 0; i < count; i++)
        {
            var accepted = (RequestOutcome.Accepted)await ledger.Request(
                "client_c", IdempotencyKey.Parse("audit-" + Guid.NewGuid().ToString("N")), request!, new EventMetadata("test", null, "test"), CancellationToken.None);
            await ledger.Execute(accepted.Payment.PaymentId, new Payments.Domain.Decisions.PaymentCommand.StartProcessing(), new EventMetadata("test", null, "test"), CancellationToken.None);
            events.AddRange(await store.ReadStream(StreamId.For(accepted.Payment.PaymentId)));
        }

        return events;
    }

    private static Task<string> Get(Func<string, CancellationToken, Task<string>> api, string path) => Send(api, "GET", path, 200);

    private static async Task<string> Send(Func<string, CancellationToken, Task<string>> api, string method, string path, int expected)
    {
        var query = path.Contains('?', StringComparison.Ordinal) ? path[(path.IndexOf('?', StringComparison.Ordinal) + 1)..] : null;
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["authorization"] = "Bearer " + AuditorKey };
        var answer = JsonSerializer.Deserialize(
            await api(HttpApiEvents.Json(method, query is null ? path : path[..path.IndexOf('?', StringComparison.Ordinal)], headers, null, query), CancellationToken.None),
            HttpApiJsonContext.Default.HttpApiResponse)!;
        Assert.True(answer.StatusCode == expected, $"{path}: {answer.StatusCode} {answer.Body}");
        return answer.Body;
    }
}

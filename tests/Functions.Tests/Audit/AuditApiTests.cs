using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Payments.Application.Audit;
using Payments.Application.Audit.Documents;
using Payments.Application.Consumers;
using Payments.EventStore.Audit;
using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;
using Payments.Functions.Api.Auth;
using Payments.Functions.Hosting;
using Payments.Functions.Tests.Api;
using Payments.Functions.Tests.Webhooks;
using Payments.TestServices;

namespace Payments.Functions.Tests.Audit;

/// <summary>
/// The audit routes over the real host: what they serve is checked the way an auditor would, from the documents alone
/// (signature over the note, leaf recomputed from its fields, proofs walked to the signed root).
/// </summary>
public sealed class AuditApiTests : IAsyncLifetime
{
    private const string ClientKey = "key_audit_api_client_0123";
    private const string AuditorKey = "key_audit_api_auditor_0123";

    private readonly TempDirectory _directory = new();
    private readonly TempDirectory _keys = new();
    private WebApplication _app = null!;
    private HttpClient _auditor = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var settings = new ServeOptions
        {
            Urls = "http://127.0.0.1:0", DataDirectory = _directory.Path, WebhookKeyFile = _keys.File("webhook.key"), AuditKeyFile = _keys.File("audit.pem"),
        };
        _app = PaymentsHost.Build(
            settings, ApiKeyRing.FromConfiguration($"shop:{ClientKey},audit:{AuditorKey}:auditor"), WebhookApiFixture.WithoutBackgroundServices);
        await _app.StartAsync();
        var address = new Uri(PaymentsHost.ListeningAddresses(_app).Single());
        _auditor = Client(address, AuditorKey);
        _client = Client(address, ClientKey);
    }

    public async Task DisposeAsync()
    {
        _auditor.Dispose();
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _directory.Dispose();
        _keys.Dispose();
    }

    [Fact]
    public async Task A_signed_checkpoint_covers_the_log_and_every_inclusion_proof_leads_to_its_root()
    {
        await CreatePayments(3);
        var checkpoint = await SignCheckpoint();

        Assert.Equal(3, checkpoint.TreeSize);
        Assert.True(checkpoint.ToCheckpoint().SignatureVerifies());
        Assert.Equal(checkpoint.Note, checkpoint.ToCheckpoint().Note);
        for (var position = 1; position <= checkpoint.TreeSize; position++)
        {
            var proof = await Get($"/audit/proofs/inclusion?position={position}&tree_size={checkpoint.TreeSize}", AuditJsonContext.Default.InclusionProofDocument);
            var leaf = LeafHash(proof.Leaf);
            Assert.Equal(leaf, proof.LeafHash);
            Assert.True(MerkleProofVerifier.VerifyInclusion(leaf, position - 1, checkpoint.TreeSize, proof.AuditPath, checkpoint.RootHash), $"position {position}");
        }
    }

    [Fact]
    public async Task A_later_checkpoint_is_proven_to_extend_an_earlier_one()
    {
        await CreatePayments(3);
        var earlier = await SignCheckpoint();
        await CreatePayments(4);
        var later = await SignCheckpoint();

        var proof = await Get($"/audit/proofs/consistency?from={earlier.TreeSize}&to={later.TreeSize}", AuditJsonContext.Default.ConsistencyProofDocument);

        Assert.Equal(earlier.RootHash, proof.FromRoot);
        Assert.Equal(later.RootHash, proof.ToRoot);
        Assert.True(MerkleProofVerifier.VerifyConsistency(earlier.TreeSize, later.TreeSize, proof.Proof, earlier.RootHash, later.RootHash));
    }

    [Fact]
    public async Task A_payments_history_comes_with_a_chain_and_a_proof_per_event()
    {
        var payment = (await CreatePayments(2))[1];
        await SignCheckpoint();

        var history = await Get($"/audit/payments/{payment}", AuditJsonContext.Default.PaymentAuditDocument);

        var line = Assert.Single(history.Events);
        Assert.Equal(EventHashChain.Genesis, line.PreviousHash);
        Assert.Equal(line.Hash, EventHashChain.Compute(line.PreviousHash, line.ToStoredEvent()));
        Assert.Equal(EventHashScheme.StoredBytesAtPosition, line.HashScheme);
        Assert.True(MerkleProofVerifier.VerifyInclusion(
            AuditLeaf.Hash(line.ToStoredEvent()), line.Position - 1, history.Checkpoint.TreeSize, line.InclusionProof!, history.Checkpoint.RootHash));
    }

    [Theory]
    [InlineData("/audit/proofs/inclusion?position=0", "position")]
    [InlineData("/audit/proofs/inclusion?position=1&tree_size=99", "tree_size")]
    [InlineData("/audit/proofs/inclusion?position=two", "position")]
    [InlineData("/audit/proofs/inclusion", "position")]
    [InlineData("/audit/proofs/consistency?from=2&to=1", "from")]
    [InlineData("/audit/proofs/consistency?from=1", "to")]
    public async Task A_proof_query_out_of_range_is_400_naming_the_parameter(string path, string field)
    {
        await CreatePayments(1);

        using var response = await _auditor.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await ApiRequests.Json(response)).GetProperty("errors")[0].GetProperty("field").GetString());
    }

    private async Task<List<Guid>> CreatePayments(int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            using var created = await _client.SendAsync(ApiRequests.Post(ApiRequests.ValidBody, ApiRequests.NewKey()));
            ids.Add((await ApiRequests.Json(created)).GetProperty("payment_id").GetGuid());
        }

        // The builder runs as a log consumer; here it is caught up by hand, as its background service would.
        await _app.Services.GetServices<EventLogSubscription>().Single(s => s.Name == AuditLogBuilder.ConsumerName).CatchUp(CancellationToken.None);
        return ids;
    }

    private async Task<CheckpointDocument> SignCheckpoint()
    {
        using var signed = await _auditor.PostAsync(new Uri("/audit/checkpoints", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Created, signed.StatusCode);
        var latest = await Get("/audit/checkpoint", AuditJsonContext.Default.CheckpointDocument);
        Assert.Equal((await signed.Content.ReadFromJsonAsync(AuditJsonContext.Default.CheckpointDocument))!.RootHash, latest.RootHash);
        return latest;
    }

    private async Task<T> Get<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        using var response = await _auditor.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(), type)!;
    }

    private static byte[] LeafHash(AuditLeafDocument leaf) => AuditLeaf.Hash(new StoredEvent(
        new StreamId(leaf.StreamId), leaf.Version, leaf.Position, "", 0, default, "", new EventMetadata("", null, ""), leaf.Hash, leaf.HashScheme));

    private static HttpClient Client(Uri address, string key)
    {
        var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}

using System.Security.Cryptography;
using System.Text;
using Payments.Application.Webhooks.Endpoints;
using Payments.Application.Webhooks.Sending;

namespace Payments.Application.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    [Fact]
    public void Signature_matches_the_Standard_Webhooks_reference_vector()
    {
        // The example the Standard Webhooks reference libraries test against.
        var header = WebhookSignature.Header(
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            DateTimeOffset.FromUnixTimeSeconds(1614265330),
            """{"test": 2432232314}""",
            ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]);

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", header);
    }

    [Fact]
    public void During_a_rotation_each_secret_signs_and_the_signatures_are_space_separated()
    {
        var current = WebhookSecret.Generate();
        var previous = WebhookSecret.Generate();
        var at = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

        var signatures = WebhookSignature.Header("msg_1", at, "{}", [current, previous]).Split(' ');

        Assert.Equal([Expected(current, "msg_1", at, "{}"), Expected(previous, "msg_1", at, "{}")], signatures);
    }

    [Fact]
    public void Generated_secrets_carry_32_random_bytes_behind_the_prefix()
    {
        var secret = WebhookSecret.Generate();

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, WebhookSecret.Key(secret).Length);
        Assert.NotEqual(secret, WebhookSecret.Generate());
    }

    private static string Expected(string secret, string id, DateTimeOffset at, string body) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(
            Convert.FromBase64String(secret["whsec_".Length..]),
            Encoding.UTF8.GetBytes($"{id}.{at.ToUnixTimeSeconds()}.{body}")));
}

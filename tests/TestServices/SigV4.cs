using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Payments.TestServices;

/// <summary>
/// AWS Signature Version 4 for a JSON POST to "/". DynamoDB Local does not verify signatures but
/// does read the access key and region from the Authorization header (they select its database); moto reads the
/// service and region from it. DynamoDB speaks JSON 1.0, EventBridge JSON 1.1.
/// </summary>
internal static class SigV4
{
    public static void Sign(
        HttpRequestMessage request, string body, string accessKey, string secretKey, string region, string service, DateTimeOffset now, string contentType = "application/x-amz-json-1.0")
    {
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var host = request.RequestUri!.Authority;
        var target = request.Headers.GetValues("X-Amz-Target").Single();
        const string signedHeaders = "content-type;host;x-amz-date;x-amz-target";
        var canonical = $"POST\n/\n\ncontent-type:{contentType}\nhost:{host}\nx-amz-date:{amzDate}\nx-amz-target:{target}\n\n{signedHeaders}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(body)))}";
        var scope = $"{date}/{region}/{service}/aws4_request";
        var toSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Hmac(Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), date), region), service), "aws4_request");
        request.Headers.Add("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation(
            "Authorization",
            $"AWS4-HMAC-SHA256 Credential={accessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={Hex(Hmac(key, toSign))}");
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}

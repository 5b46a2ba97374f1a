using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace Payments.Application.Feed;

/// <summary>
/// The feed's opaque resume token: base64url of a format byte, the position to resume after and a check over both, so
/// a cursor that was altered or never issued is refused instead of silently moving the reader. The check guards against
/// mistakes, not forgery: a made-up position only moves a reader within what its scope lets it see anyway.
/// </summary>
public static class FeedCursor
{
    private const byte Format = 1;
    private const int PayloadLength = 1 + sizeof(long);
    private const int CheckLength = 4;

    public static string Encode(long afterPosition)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterPosition);
        Span<byte> bytes = stackalloc byte[PayloadLength + CheckLength];
        bytes[0] = Format;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..PayloadLength], afterPosition);
        Check(bytes[..PayloadLength]).CopyTo(bytes[PayloadLength..]);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryDecode(string cursor, out long afterPosition)
    {
        afterPosition = 0;
        Span<byte> bytes = stackalloc byte[PayloadLength + CheckLength];

        // TryDecodeFromChars throws on characters outside the alphabet, so the text is checked first (IsValid also refuses
        // non-zero trailing bits, so each position has exactly one cursor).
        if (string.IsNullOrEmpty(cursor) || !Base64Url.IsValid(cursor, out var length) || length != bytes.Length
            || !Base64Url.TryDecodeFromChars(cursor, bytes, out _)
            || bytes[0] != Format || !CryptographicOperations.FixedTimeEquals(Check(bytes[..PayloadLength]), bytes[PayloadLength..]))
        {
            return false;
        }

        afterPosition = BinaryPrimitives.ReadInt64BigEndian(bytes[1..PayloadLength]);
        return afterPosition >= 0;
    }

    private static byte[] Check(ReadOnlySpan<byte> payload)
    {
        Span<byte> input = stackalloc byte[Tag.Length + payload.Length];
        Tag.CopyTo(input);
        payload.CopyTo(input[Tag.Length..]);
        return SHA256.HashData(input)[..CheckLength];
    }

    private static ReadOnlySpan<byte> Tag => "payments/feed-cursor/"u8;
}

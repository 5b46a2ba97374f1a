using FsCheck;
using FsCheck.Fluent;
using Payments.Application.Feed;

namespace Payments.Application.Tests.Feed;

public sealed class FeedCursorTests
{
    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property Cursor_round_trips_any_position(long raw)
    {
        var position = raw == long.MinValue ? 0 : Math.Abs(raw);
        return (FeedCursor.TryDecode(FeedCursor.Encode(position), out var decoded) && decoded == position).ToProperty();
    }

    /// <summary>Any one character changed to any other base64url character is refused, never read as another position.</summary>
    [FsCheck.Xunit.Property(MaxTest = 2000)]
    public Property Cursor_with_one_character_changed_is_refused(NonNegativeInt position, PositiveInt at, char replacement)
    {
        var cursor = FeedCursor.Encode(position.Get);
        var index = at.Get % cursor.Length;
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var swapped = Alphabet[replacement % Alphabet.Length];
        if (swapped == cursor[index])
        {
            return true.ToProperty();
        }

        var tampered = cursor[..index] + swapped + cursor[(index + 1)..];
        return (!FeedCursor.TryDecode(tampered, out _)).ToProperty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("42")]
    [InlineData("not a cursor")]
    [InlineData("AAAAAAAAAAAAAAAAAA")]
    [InlineData("AQAAAAAAAAAq")]
    [InlineData("%%%%")]
    public void Garbage_is_refused(string cursor)
    {
        Assert.False(FeedCursor.TryDecode(cursor, out _));
    }

    [Fact]
    public void Cursor_is_opaque_base64url()
    {
        var cursor = FeedCursor.Encode(12345);

        Assert.Matches("^[A-Za-z0-9_-]+$", cursor);
        Assert.DoesNotContain("12345", cursor, StringComparison.Ordinal);
    }
}

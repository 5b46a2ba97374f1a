using System.Globalization;
using System.Text;

namespace Payments.Domain.Requests;

/// <summary>
/// Unicode Normalization Form C (UAX #15: canonical decomposition, canonical ordering, canonical composition), in
/// managed code over tables generated from the Unicode data (<see cref="UnicodeVersion"/>). The hosts run with
/// InvariantGlobalization (no ICU in the Lambda bundle), where <see cref="string.Normalize()"/> leaves text unchanged.
/// Characters newer than the tables pass through as they are.
/// </summary>
internal static partial class Nfc
{
    private const int HangulS = 0xAC00, HangulL = 0x1100, HangulV = 0x1161, HangulT = 0x11A7;
    private const int HangulLCount = 19, HangulVCount = 21, HangulTCount = 28, HangulNCount = HangulVCount * HangulTCount, HangulSCount = HangulLCount * HangulNCount;

    private static readonly Dictionary<int, int[]> DecompositionOf = Parse(Decompositions, (key, value) => (Hex(key), value.Split(' ').Select(Hex).ToArray()));
    private static readonly (int First, int Last, int Class)[] ClassRanges = ParseRanges();
    private static readonly Dictionary<long, int> CompositeOf = Parse(Compositions, (key, value) =>
    {
        var pair = key.Split(' ');
        return (Pair(Hex(pair[0]), Hex(pair[1])), Hex(value));
    });

    /// <summary>The text in NFC. It must hold no unpaired surrogate.</summary>
    public static string Normalize(string text)
    {
        if (text.All(char.IsAscii))
        {
            return text;
        }

        var points = new List<int>(text.Length + 8);
        foreach (var rune in text.EnumerateRunes())
        {
            Decompose(rune.Value, points);
        }

        Reorder(points);
        Compose(points);
        var result = new StringBuilder(points.Count);
        foreach (var point in points)
        {
            result.Append(new Rune(point).ToString());
        }

        return result.ToString();
    }

    private static void Decompose(int point, List<int> into)
    {
        if (point is >= HangulS and < HangulS + HangulSCount)
        {
            var index = point - HangulS;
            into.Add(HangulL + (index / HangulNCount));
            into.Add(HangulV + (index % HangulNCount / HangulTCount));
            if (index % HangulTCount != 0)
            {
                into.Add(HangulT + (index % HangulTCount));
            }

            return;
        }

        if (DecompositionOf.TryGetValue(point, out var parts))
        {
            foreach (var part in parts)
            {
                Decompose(part, into);
            }

            return;
        }

        into.Add(point);
    }

    /// <summary>Sorts each run of combining marks by class, stably, so marks typed in any order compare equal.</summary>
    private static void Reorder(List<int> points)
    {
        for (var i = 1; i < points.Count; i++)
        {
            var current = points[i];
            var currentClass = ClassOf(current);
            if (currentClass == 0)
            {
                continue;
            }

            var j = i;
            while (j > 0 && ClassOf(points[j - 1]) > currentClass)
            {
                points[j] = points[j - 1];
                j--;
            }

            points[j] = current;
        }
    }

    /// <summary>Joins each mark to the last starter unless a mark of the same or a zero class blocks it.</summary>
    private static void Compose(List<int> points)
    {
        if (points.Count == 0)
        {
            return;
        }

        var starterAt = 0;
        var starter = points[0];
        var lastClass = ClassOf(starter) == 0 ? 0 : 256;
        var written = 1;
        for (var i = 1; i < points.Count; i++)
        {
            var point = points[i];
            var pointClass = ClassOf(point);
            if ((lastClass < pointClass || lastClass == 0) && TryCompose(starter, point, out var composite))
            {
                points[starterAt] = composite;
                starter = composite;
                continue;
            }

            if (pointClass == 0)
            {
                starterAt = written;
                starter = point;
            }

            lastClass = pointClass;
            points[written++] = point;
        }

        points.RemoveRange(written, points.Count - written);
    }

    private static bool TryCompose(int first, int second, out int composite)
    {
        if (first is >= HangulL and < HangulL + HangulLCount && second is >= HangulV and < HangulV + HangulVCount)
        {
            composite = HangulS + ((((first - HangulL) * HangulVCount) + (second - HangulV)) * HangulTCount);
            return true;
        }

        if (first is >= HangulS and < HangulS + HangulSCount && (first - HangulS) % HangulTCount == 0 && second is > HangulT and < HangulT + HangulTCount)
        {
            composite = first + (second - HangulT);
            return true;
        }

        return CompositeOf.TryGetValue(Pair(first, second), out composite);
    }

    private static int ClassOf(int point)
    {
        int low = 0, high = ClassRanges.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var (first, last, cls) = ClassRanges[middle];
            if (point < first)
            {
                high = middle - 1;
            }
            else if (point > last)
            {
                low = middle + 1;
            }
            else
            {
                return cls;
            }
        }

        return 0;
    }

    private static long Pair(int first, int second) => ((long)first << 21) | (uint)second;

    private static int Hex(string text) => int.Parse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    private static Dictionary<TKey, TValue> Parse<TKey, TValue>(string table, Func<string, string, (TKey, TValue)> entry)
        where TKey : notnull
    {
        var result = new Dictionary<TKey, TValue>();
        foreach (var item in table.Split(';'))
        {
            var colon = item.IndexOf(':', StringComparison.Ordinal);
            var (key, value) = entry(item[..colon], item[(colon + 1)..]);
            result.Add(key, value);
        }

        return result;
    }

    private static (int, int, int)[] ParseRanges() =>
        CombiningClasses.Split(';').Select(item =>
        {
            var colon = item.IndexOf(':', StringComparison.Ordinal);
            var dash = item.IndexOf('-', StringComparison.Ordinal);
            return (Hex(item[..dash]), Hex(item[(dash + 1)..colon]), int.Parse(item[(colon + 1)..], CultureInfo.InvariantCulture));
        }).ToArray();
}

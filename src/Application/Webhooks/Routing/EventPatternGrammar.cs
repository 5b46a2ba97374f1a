using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Payments.Application.Webhooks.Routing;

/// <summary>
/// Reads EventBridge's event-pattern JSON into branches of leaves (one branch per way through its <c>$or</c>s), refusing
/// what EventBridge refuses at PutRule (as its rule compiler, Event Ruler, does) and any operator this router does not
/// implement, so a rule that would behave differently here and in the cloud never starts.
/// </summary>
internal static class EventPatternGrammar
{
    private const string Or = "$or";
    private const int MaxBranches = 1000;

    private static readonly HashSet<string> Operators = new(StringComparer.Ordinal)
    {
        "prefix", "suffix", "equals-ignore-case", "wildcard", "anything-but", "numeric", "exists", "cidr",
    };

    public static IReadOnlyList<IReadOnlyList<PatternLeaf>> Parse(string patternJson)
    {
        ArgumentNullException.ThrowIfNull(patternJson);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(patternJson);
        }
        catch (JsonException e)
        {
            throw new FormatException($"Event pattern is not JSON: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("Event pattern must be a JSON object.");
            }

            return Object(document.RootElement, "", insideOr: false);
        }
    }

    private static List<IReadOnlyList<PatternLeaf>> Object(JsonElement node, string prefix, bool insideOr)
    {
        if (!node.EnumerateObject().Any())
        {
            throw Refuse(prefix.Length == 0 ? "(top level)" : prefix, "empty objects are not allowed");
        }

        List<IReadOnlyList<PatternLeaf>> branches = [[]];
        foreach (var property in node.EnumerateObject())
        {
            var path = prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}";
            if (string.Equals(property.Name, Or, StringComparison.Ordinal))
            {
                branches = Cross(branches, OrAlternatives(property.Value, prefix), path);
                continue;
            }

            if (insideOr && Operators.Contains(property.Name))
            {
                throw Refuse(path, $"\"{property.Name}\" is an operator name and cannot be a field inside $or");
            }

            branches = property.Value.ValueKind switch
            {
                JsonValueKind.Object => Cross(branches, Object(property.Value, path, insideOr), path),
                JsonValueKind.Array => [.. branches.Select(b => (IReadOnlyList<PatternLeaf>)[.. b, Leaf(property.Value, path)])],
                _ => throw Refuse(path, "must be an object or an array"),
            };
        }

        return branches;
    }

    private static List<IReadOnlyList<PatternLeaf>> OrAlternatives(JsonElement value, string prefix)
    {
        var label = prefix.Length == 0 ? Or : $"{prefix}.{Or}";
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() < 2 || value.EnumerateArray().Any(a => a.ValueKind != JsonValueKind.Object))
        {
            throw Refuse(label, "must be an array of at least two objects");
        }

        return [.. value.EnumerateArray().SelectMany(alternative => Object(alternative, prefix, insideOr: true))];
    }

    private static List<IReadOnlyList<PatternLeaf>> Cross(List<IReadOnlyList<PatternLeaf>> left, List<IReadOnlyList<PatternLeaf>> right, string path)
    {
        if ((long)left.Count * right.Count > MaxBranches)
        {
            throw Refuse(path, $"the pattern's $or combinations exceed {MaxBranches}");
        }

        return [.. left.SelectMany(l => right.Select(r => (IReadOnlyList<PatternLeaf>)[.. l, .. r]))];
    }

    private static PatternLeaf Leaf(JsonElement values, string path)
    {
        if (values.GetArrayLength() == 0)
        {
            throw Refuse(path, "empty arrays are not allowed");
        }

        var alternatives = new List<ValueMatcher>();
        var matchesAbsence = false;
        foreach (var value in values.EnumerateArray())
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Object when IsExistsFalse(value, path):
                    matchesAbsence = true;
                    break;
                case JsonValueKind.Object:
                    alternatives.Add(Operator(value, path));
                    break;
                case JsonValueKind.Array:
                    throw Refuse(path, "a match value must be a string, number, true, false, null or an operator object, not an array");
                default:
                    alternatives.Add(Literal(value));
                    break;
            }
        }

        return new PatternLeaf(path, alternatives, matchesAbsence);
    }

    private static bool IsExistsFalse(JsonElement value, string path) =>
        SingleProperty(value, path) is { Name: "exists", Value.ValueKind: JsonValueKind.False };

    private static ValueMatcher Literal(JsonElement value) => new ValueMatcher.Literal(
        value.ValueKind,
        value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText());

    private static ValueMatcher Operator(JsonElement value, string path)
    {
        var (name, argument) = SingleProperty(value, path);
        var where = $"{path} ({name})";
        return name switch
        {
            "prefix" => Affix(argument, where, (text, ignoreCase) => new ValueMatcher.Prefix(text, ignoreCase)),
            "suffix" => Affix(argument, where, (text, ignoreCase) => new ValueMatcher.Suffix(text, ignoreCase)),
            "equals-ignore-case" => new ValueMatcher.EqualsIgnoreCase(Text(argument, where)),
            "wildcard" => Wildcard(Text(argument, where), where),
            "numeric" => Numeric(argument, where),
            "anything-but" => AnythingBut(argument, where),
            "exists" => argument.ValueKind == JsonValueKind.True ? new ValueMatcher.Present() : throw Refuse(where, "must be true or false"),
            "cidr" => Cidr(Text(argument, where), where),
            _ => throw Refuse(path, $"unsupported operator \"{name}\" (supported: {string.Join(", ", Operators)})"),
        };
    }

    private static (string Name, JsonElement Value) SingleProperty(JsonElement value, string path)
    {
        using var properties = value.EnumerateObject();
        if (!properties.MoveNext())
        {
            throw Refuse(path, "an operator object needs exactly one operator");
        }

        var first = properties.Current;
        return properties.MoveNext() ? throw Refuse(path, "an operator object takes exactly one operator") : (first.Name, first.Value);
    }

    private static ValueMatcher Affix(JsonElement argument, string where, Func<string, bool, ValueMatcher> create)
    {
        if (argument.ValueKind == JsonValueKind.Object)
        {
            var (name, inner) = SingleProperty(argument, where);
            return string.Equals(name, "equals-ignore-case", StringComparison.Ordinal)
                ? create(Text(inner, where), true)
                : throw Refuse(where, "only equals-ignore-case can qualify a prefix or suffix");
        }

        return create(Text(argument, where), false);
    }

    private static ValueMatcher AnythingBut(JsonElement argument, string where)
    {
        switch (argument.ValueKind)
        {
            case JsonValueKind.String:
            case JsonValueKind.Number:
                return new ValueMatcher.Not(ExcludedLiteral(argument, where));
            case JsonValueKind.Array:
                var values = argument.EnumerateArray().ToList();
                var kinds = values.Select(v => v.ValueKind).Distinct().ToList();
                if (values.Count == 0 || kinds.Count != 1 || kinds[0] is not (JsonValueKind.String or JsonValueKind.Number))
                {
                    throw Refuse(where, "the list must hold only strings or only numbers, and at least one");
                }

                return new ValueMatcher.Not(new ValueMatcher.AnyOf([.. values.Select(v => ExcludedLiteral(v, where))]));
            case JsonValueKind.Object:
                var (name, inner) = SingleProperty(argument, where);
                return new ValueMatcher.Not(name switch
                {
                    "prefix" => new ValueMatcher.Prefix(NonEmptyText(inner, where), IgnoreCase: false),
                    "suffix" => new ValueMatcher.Suffix(NonEmptyText(inner, where), IgnoreCase: false),
                    "equals-ignore-case" => new ValueMatcher.AnyOf([.. Texts(inner, where).Select(t => new ValueMatcher.EqualsIgnoreCase(t))]),
                    "wildcard" => new ValueMatcher.AnyOf([.. Texts(inner, where).Select(t => Wildcard(t, where))]),
                    _ => throw Refuse(where, $"anything-but takes prefix, suffix, equals-ignore-case or wildcard, not \"{name}\""),
                });
            default:
                throw Refuse(where, "must be a string, a number, a list of either, or an object");
        }
    }

    private static ValueMatcher ExcludedLiteral(JsonElement value, string where)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            Bound(value, where);
        }

        return Literal(value);
    }

    private static ValueMatcher Numeric(JsonElement argument, string where)
    {
        if (argument.ValueKind != JsonValueKind.Array)
        {
            throw Refuse(where, "must be an array such as [\">\", 0, \"<=\", 5]");
        }

        var terms = argument.EnumerateArray().ToList();
        var first = terms.Count is 2 or 4 ? Comparison(terms[0], where) : throw Refuse(where, "takes one comparison or a lower and an upper bound");
        var value = Bound(terms[1], where);
        if (terms.Count == 2)
        {
            return first switch
            {
                "=" => new ValueMatcher.Numeric(value, false, value, false),
                ">" or ">=" => new ValueMatcher.Numeric(value, first == ">", null, false),
                _ => new ValueMatcher.Numeric(null, false, value, first == "<"),
            };
        }

        var second = Comparison(terms[2], where);
        var upper = Bound(terms[3], where);
        if (first is not (">" or ">=") || second is not ("<" or "<="))
        {
            throw Refuse(where, "a range is a lower bound (> or >=) followed by an upper bound (< or <=)");
        }

        return upper > value
            ? new ValueMatcher.Numeric(value, first == ">", upper, second == "<")
            : throw Refuse(where, "the lower bound must be below the upper bound");
    }

    private static string Comparison(JsonElement term, string where) =>
        term.ValueKind == JsonValueKind.String && term.GetString() is ("=" or "<" or "<=" or ">" or ">=") and var op
            ? op
            : throw Refuse(where, $"{term.GetRawText()} is not one of =, <, <=, >, >=");

    private static decimal Bound(JsonElement term, string where) =>
        term.ValueKind == JsonValueKind.Number
        && ValueMatcher.TryNumber(term.GetRawText(), out var value)
        && Math.Abs(value) <= ValueMatcher.NumericLimit
            ? value
            : throw Refuse(where, $"{term.GetRawText()} is not a number between -5.0e9 and 5.0e9");

    /// <summary>Only <c>*</c> is special; <c>\*</c> and <c>\\</c> are a literal star and backslash.</summary>
    private static ValueMatcher Wildcard(string text, string where)
    {
        var pieces = new List<string>();
        var piece = new StringBuilder();
        var afterStar = false;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\' when i + 1 < text.Length && text[i + 1] is '*' or '\\':
                    piece.Append(text[++i]);
                    afterStar = false;
                    break;
                case '\\':
                    throw Refuse(where, "a backslash may only escape * or \\");
                case '*' when afterStar:
                    throw Refuse(where, "consecutive wildcards are not allowed");
                case '*':
                    pieces.Add(piece.ToString());
                    piece.Clear();
                    afterStar = true;
                    break;
                default:
                    piece.Append(text[i]);
                    afterStar = false;
                    break;
            }
        }

        pieces.Add(piece.ToString());
        return new ValueMatcher.Wildcard(pieces);
    }

    private static ValueMatcher Cidr(string text, string where)
    {
        var parts = text.Split('/');
        if (parts.Length != 2 || !AddressLiteral.TryParse(parts[0], out var address)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var prefixLength))
        {
            throw Refuse(where, $"\"{text}\" is not an address/prefix-length CIDR block");
        }

        var maxPrefix = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 31 : 127;
        if (prefixLength > maxPrefix)
        {
            throw Refuse(where, $"the prefix length must be at most {maxPrefix} (EventBridge refuses a single-address block; match the address as a string)");
        }

        var bytes = address.GetAddressBytes();
        var hostBitsSet = Enumerable.Range(prefixLength, (bytes.Length * 8) - prefixLength).Any(bit => (bytes[bit / 8] & (0x80 >> (bit % 8))) != 0);
        return hostBitsSet
            ? throw Refuse(where, $"\"{text}\" has bits set after the prefix; write the network address")
            : new ValueMatcher.Cidr(new IPNetwork(address, prefixLength));
    }

    private static string Text(JsonElement value, string where) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Refuse(where, "must be a string");

    private static string NonEmptyText(JsonElement value, string where) =>
        Text(value, where) is { Length: > 0 } text ? text : throw Refuse(where, "must not be empty");

    private static List<string> Texts(JsonElement value, string where) =>
        value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0
            ? [.. value.EnumerateArray().Select(v => Text(v, where))]
            : [Text(value, where)];

    private static FormatException Refuse(string where, string why) => new($"Event pattern field {where}: {why}.");
}

using System.Text.Json.Nodes;
using static Payments.Aws.Tests.Webhooks.RoutingVocabulary;

namespace Payments.Aws.Tests.Webhooks;

/// <summary>
/// Random event patterns over the envelope vocabulary, using every operator EventPattern supports. Each field has a kind
/// and only gets operators and values of that kind, which keeps out the corners where moto departs from EventBridge
/// (see RoutingRulesOnMotoTests): numbers never meet booleans, exists never tests <c>resources</c> (moto counts an
/// empty array as present), cidr only tests strings, and no field holds an array of objects.
/// </summary>
internal static class GeneratedPatterns
{
    private enum Kind
    {
        Text,
        TextOrNumber,
        Boolean,
        Address,
        Resources,
    }

    private static readonly (string[] Path, Kind Kind, string[] Words)[] Fields =
    [
        (["source"], Kind.Text, Sources),
        (["detail-type"], Kind.Text, DetailTypes),
        (["resources"], Kind.Resources, ResourceArns),
        (["detail", "payment_id"], Kind.Text, PaymentIds),
        (["detail", "version"], Kind.TextOrNumber, VersionTexts),
        (["detail", "type"], Kind.Text, DetailTypes),
        (["detail", "amount"], Kind.TextOrNumber, ["100", "10"]),
        (["detail", "live"], Kind.Boolean, ["true"]),
        (["detail", "tags"], Kind.Text, Tags),
        (["detail", "client_ip"], Kind.Address, ClientIps),
        (["detail", "error", "code"], Kind.Text, ErrorCodes),
        (["detail", "error", "retryable"], Kind.Boolean, ["false"]),
    ];

    public static List<string> Many(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (random.Chance(0.15) ? Or(random) : And(random)).ToJsonString())];
    }

    private static JsonObject Or(Random random) => new()
    {
        ["source"] = new JsonArray("payments.ledger"),
        ["$or"] = new JsonArray(And(random, besidesSource: true), And(random, besidesSource: true)),
    };

    /// <summary>
    /// Two or three fields, so that most patterns route a minority of the envelopes (every delivery costs moto tens of
    /// milliseconds); inside an $or, never <c>source</c> again, whose repetition Event Ruler's compiler would let the
    /// alternative overwrite rather than AND.
    /// </summary>
    private static JsonObject And(Random random, bool besidesSource = false)
    {
        var pattern = new JsonObject();
        var fields = Fields.Where(f => !besidesSource || f.Path[0] != "source");
        foreach (var (path, kind, words) in fields.OrderBy(_ => random.Next()).Take(random.Next(2, 4)))
        {
            var leaf = new JsonArray([.. Enumerable.Range(0, random.Chance(0.25) ? 2 : 1).Select(_ => Alternative(random, kind, words))]);
            Put(pattern, path, leaf);
        }

        return pattern;
    }

    private static JsonNode? Alternative(Random random, Kind kind, string[] words) => kind switch
    {
        Kind.Boolean => random.Next(5) switch
        {
            0 => JsonValue.Create(true),
            1 => JsonValue.Create(false),
            2 => null,
            3 => Exists(random),
            _ => Operator("anything-but", random.Pick(words)),
        },
        Kind.TextOrNumber when random.Chance(0.5) => Numeric(random),
        Kind.Address when random.Chance(0.5) => Operator("cidr", random.Pick(Cidrs)),
        Kind.Resources => TextOperator(random, words, withExists: false),
        _ => TextOperator(random, words, withExists: true),
    };

    private static JsonNode? TextOperator(Random random, string[] words, bool withExists)
    {
        var word = random.Pick(words);
        return random.Next(withExists ? 13 : 12) switch
        {
            0 or 1 => JsonValue.Create(word),
            2 => Operator("prefix", word[..random.Next(word.Length + 1)]),
            3 => Operator("suffix", word[random.Next(word.Length + 1)..]),
            4 => Operator("prefix", Operator("equals-ignore-case", Recase(random, word[..random.Next(word.Length + 1)]))),
            5 => Operator("suffix", Operator("equals-ignore-case", Recase(random, word[random.Next(word.Length + 1)..]))),
            6 => Operator("equals-ignore-case", Recase(random, word)),
            7 => Operator("wildcard", Wildcard(random, word)),
            8 => Operator("anything-but", random.Chance(0.5) ? word : new JsonArray(word, random.Pick(words))),
            9 => Operator("anything-but", AnythingButOperator(random, words)),
            10 => null,
            11 => JsonValue.Create(Recase(random, word)),
            _ => Exists(random),
        };
    }

    private static JsonObject AnythingButOperator(Random random, string[] words)
    {
        var word = random.Pick(words.Where(w => w.Length > 0).ToArray());
        return random.Next(4) switch
        {
            0 => Operator("prefix", word[..random.Next(1, word.Length + 1)]),
            1 => Operator("suffix", word[random.Next(word.Length)..]),
            2 => Operator("equals-ignore-case", random.Chance(0.5) ? Recase(random, word) : new JsonArray(Recase(random, word), random.Pick(words))),
            _ => Operator("wildcard", Wildcard(random, word)),
        };
    }

    private static JsonNode Numeric(Random random)
    {
        decimal Number() => random.Pick(Numbers);
        return random.Next(6) switch
        {
            0 => JsonValue.Create(Number()),
            1 => Operator("anything-but", random.Chance(0.5) ? JsonValue.Create(Number()) : new JsonArray(Number(), Number())),
            2 => Operator("numeric", new JsonArray("=", Number())),
            3 => Operator("numeric", new JsonArray(random.Pick([">", ">=", "<", "<="]), Number())),
            _ => Range(random),
        };
    }

    private static JsonObject Range(Random random)
    {
        var bounds = random.GetItems(Numbers, 2).Distinct().Order().ToArray();
        return bounds.Length < 2
            ? Operator("numeric", new JsonArray(">=", bounds[0]))
            : Operator("numeric", new JsonArray(random.Pick([">", ">="]), bounds[0], random.Pick(["<", "<="]), bounds[1]));
    }

    private static JsonObject Exists(Random random) => Operator("exists", random.Chance(0.5));

    /// <summary>The word with one run of it (possibly empty) replaced by a star, and sometimes a second star.</summary>
    private static string Wildcard(Random random, string word)
    {
        var start = random.Next(word.Length + 1);
        var end = random.Next(start, word.Length + 1);
        var pattern = word[..start] + "*" + word[end..];
        var second = random.Next(pattern.Length + 1);
        return random.Chance(0.3) && !pattern[Math.Max(0, second - 1)..Math.Min(pattern.Length, second + 1)].Contains('*', StringComparison.Ordinal)
            ? pattern[..second] + "*" + pattern[second..]
            : pattern;
    }

    private static string Recase(Random random, string word) =>
        string.Concat(word.Select(c => random.Chance(0.5) ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)));

    private static JsonObject Operator(string name, JsonNode? argument) => new() { [name] = argument };

    private static void Put(JsonObject pattern, string[] path, JsonArray leaf)
    {
        var node = pattern;
        foreach (var key in path[..^1])
        {
            if (node[key] is not JsonObject next)
            {
                node[key] = next = new JsonObject();
            }

            node = next;
        }

        node[path[^1]] = leaf;
    }
}

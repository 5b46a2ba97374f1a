using System.Globalization;

namespace Payments.Infrastructure.Tests;

/// <summary>
/// Resource properties as the mocks receive them (strings, doubles, booleans, nested maps and lists), read by their
/// provider names so the tests check what is sent to AWS rather than what the C# classes call it.
/// </summary>
public sealed class PropertyBag(IReadOnlyDictionary<string, object> values)
{
    public bool Has(string key) => values.TryGetValue(key, out var value) && value is not null;

    public string Text(string key) => Value(key) as string ?? throw new InvalidCastException($"'{key}' is not text.");

    public double Number(string key) => Convert.ToDouble(Value(key), CultureInfo.InvariantCulture);

    public int Integer(string key) => Convert.ToInt32(Value(key), CultureInfo.InvariantCulture);

    public bool Flag(string key) => Value(key) is true;

    public PropertyBag Block(string key) =>
        Value(key) is IReadOnlyDictionary<string, object> block ? new PropertyBag(block) : throw new InvalidCastException($"'{key}' is not a block.");

    public IReadOnlyList<PropertyBag> Blocks(string key) =>
        Items(key).Select(item => item is IReadOnlyDictionary<string, object> block
            ? new PropertyBag(block)
            : throw new InvalidCastException($"'{key}' holds something other than blocks.")).ToList();

    public IReadOnlyList<string> Texts(string key) =>
        Items(key).Select(item => item as string ?? throw new InvalidCastException($"'{key}' holds something other than text.")).ToList();

    private IEnumerable<object?> Items(string key) =>
        Value(key) is IEnumerable<object?> items ? items : throw new InvalidCastException($"'{key}' is not a list.");

    private object Value(string key) =>
        values.TryGetValue(key, out var value) && value is not null
            ? value
            : throw new KeyNotFoundException($"No '{key}' among {string.Join(", ", values.Keys)}.");
}

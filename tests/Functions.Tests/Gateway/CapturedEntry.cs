namespace Payments.Functions.Tests.Gateway;

public sealed record CapturedEntry(string Category, string Message, IReadOnlyDictionary<string, object?> Fields)
{
    public string Text(string field) => Fields.TryGetValue(field, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "" : "";
}

using System.Text;
using System.Text.Json;

namespace Payments.Infrastructure;

/// <summary>IAM policy documents as JSON text, written field by field so nothing but what the topology grants appears.</summary>
public static class PolicyDocuments
{
    private const string Version = "2012-10-17";

    /// <summary>Lets the given AWS service assume a role, and nothing else.</summary>
    public static string AssumeRoleBy(string servicePrincipal) => Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("Effect", "Allow");
        json.WritePropertyName("Principal");
        json.WriteStartObject();
        json.WriteString("Service", servicePrincipal);
        json.WriteEndObject();
        json.WriteString("Action", "sts:AssumeRole");
        json.WriteEndObject();
    });

    public static string Allow(IReadOnlyList<string> actions, IReadOnlyList<string> resources) => Allow([(actions, resources)]);

    /// <summary>One Allow statement per entry: these actions on these resources.</summary>
    public static string Allow(IEnumerable<(IReadOnlyList<string> Actions, IReadOnlyList<string> Resources)> statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        return Write(json =>
        {
            foreach (var (actions, resources) in statements)
            {
                json.WriteStartObject();
                json.WriteString("Effect", "Allow");
                WriteStrings(json, "Action", actions);
                WriteStrings(json, "Resource", resources);
                json.WriteEndObject();
            }
        });
    }

    /// <summary>
    /// A resource policy: the AWS service may perform the actions on the resource only on behalf of the source ARNs
    /// (<c>aws:SourceArn</c>), so no other rule or account can use the grant.
    /// </summary>
    public static string AllowServiceFrom(string servicePrincipal, IReadOnlyList<string> actions, string resource, IReadOnlyList<string> sourceArns) => Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("Effect", "Allow");
        json.WritePropertyName("Principal");
        json.WriteStartObject();
        json.WriteString("Service", servicePrincipal);
        json.WriteEndObject();
        WriteStrings(json, "Action", actions);
        WriteStrings(json, "Resource", [resource]);
        json.WritePropertyName("Condition");
        json.WriteStartObject();
        json.WritePropertyName("ArnEquals");
        json.WriteStartObject();
        WriteStrings(json, "aws:SourceArn", sourceArns);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    });

    private static string Write(Action<Utf8JsonWriter> writeStatements)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("Version", Version);
            json.WriteStartArray("Statement");
            writeStatements(json);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}

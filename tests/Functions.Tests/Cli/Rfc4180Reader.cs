using System.Text;

namespace Payments.Functions.Tests.Cli;

/// <summary>
/// An RFC 4180 reader written from the RFC's grammar, independent of the exporter: records end in CRLF, a field is
/// either plain (no comma, quote, CR or LF) or quoted with inner quotes doubled. Anything else is a test failure.
/// </summary>
internal static class Rfc4180Reader
{
    public static List<List<string>> Records(string text)
    {
        var records = new List<List<string>>();
        var at = 0;
        while (at < text.Length)
        {
            var record = new List<string>();
            while (true)
            {
                record.Add(text[at] == '"' ? Quoted(text, ref at) : Plain(text, ref at));
                if (text[at] == ',')
                {
                    at++;
                    continue;
                }

                Assert.True(text[at] == '\r' && text[at + 1] == '\n', $"record {records.Count + 1} does not end in CRLF at {at}");
                at += 2;
                break;
            }

            records.Add(record);
        }

        return records;
    }

    private static string Plain(string text, ref int at)
    {
        var start = at;
        while (text[at] is not (',' or '\r' or '\n' or '"'))
        {
            at++;
        }

        Assert.NotEqual('"', text[at]);
        Assert.NotEqual('\n', text[at]);
        return text[start..at];
    }

    private static string Quoted(string text, ref int at)
    {
        var field = new StringBuilder();
        at++;
        while (true)
        {
            if (text[at] == '"')
            {
                if (text[at + 1] != '"')
                {
                    at++;
                    return field.ToString();
                }

                at++;
            }

            field.Append(text[at]);
            at++;
        }
    }
}

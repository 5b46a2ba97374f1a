using Payments.Application.Webhooks.Routing;

namespace Payments.Application.Tests.Webhooks.Routing;

/// <summary>Patterns EventBridge refuses at PutRule, or that use what the router does not implement, are refused at parse.</summary>
public sealed class EventPatternRefusalTests
{
    public static TheoryData<string, string> Refused => new()
    {
        { "not JSON", "source" },
        { "not an object", """["aws.ec2"]""" },
        { "empty pattern", "{}" },
        { "empty nested object", """{"detail":{}}""" },
        { "bare value", """{"source":"aws.ec2"}""" },
        { "empty list", """{"source":[]}""" },
        { "nested list", """{"source":[["aws.ec2"]]}""" },
        { "empty operator object", """{"source":[{}]}""" },
        { "two operators in one object", """{"source":[{"prefix":"aws.","suffix":"ec2"}]}""" },
        { "unknown operator", """{"source":[{"contains":"ec2"}]}""" },
        { "prefix of a number", """{"source":[{"prefix":5}]}""" },
        { "prefix list", """{"source":[{"prefix":["aws."]}]}""" },
        { "prefix qualified by other than equals-ignore-case", """{"source":[{"prefix":{"wildcard":"a*"}}]}""" },
        { "equals-ignore-case of a number", """{"source":[{"equals-ignore-case":5}]}""" },
        { "wildcard with consecutive stars", """{"source":[{"wildcard":"aws**"}]}""" },
        { "wildcard escaping a letter", """{"source":[{"wildcard":"aws\\.ec2"}]}""" },
        { "wildcard ending in a backslash", """{"source":[{"wildcard":"aws\\"}]}""" },
        { "numeric not a list", """{"detail":{"n":[{"numeric":5}]}}""" },
        { "numeric without a value", """{"detail":{"n":[{"numeric":[">"]}]}}""" },
        { "numeric unknown comparison", """{"detail":{"n":[{"numeric":["!=",5]}]}}""" },
        { "numeric value as a string", """{"detail":{"n":[{"numeric":[">","5"]}]}}""" },
        { "numeric upper bound first", """{"detail":{"n":[{"numeric":["<",10,">",0]}]}}""" },
        { "numeric empty range", """{"detail":{"n":[{"numeric":[">",5,"<",5]}]}}""" },
        { "numeric equality with a second term", """{"detail":{"n":[{"numeric":["=",5,"<",6]}]}}""" },
        { "numeric beyond 5e9", """{"detail":{"n":[{"numeric":["<",6e9]}]}}""" },
        { "anything-but mixed list", """{"detail":{"n":[{"anything-but":["a",1]}]}}""" },
        { "anything-but empty list", """{"detail":{"n":[{"anything-but":[]}]}}""" },
        { "anything-but null", """{"detail":{"n":[{"anything-but":null}]}}""" },
        { "anything-but a boolean", """{"detail":{"n":[{"anything-but":true}]}}""" },
        { "anything-but an empty prefix", """{"detail":{"n":[{"anything-but":{"prefix":""}}]}}""" },
        { "anything-but numeric", """{"detail":{"n":[{"anything-but":{"numeric":[">",1]}}]}}""" },
        { "anything-but a number beyond 5e9", """{"detail":{"n":[{"anything-but":[6e9]}]}}""" },
        { "exists not a boolean", """{"detail":{"n":[{"exists":"yes"}]}}""" },
        { "cidr without a prefix length", """{"detail":{"ip":[{"cidr":"10.0.0.0"}]}}""" },
        { "cidr with host bits", """{"detail":{"ip":[{"cidr":"10.0.0.5/24"}]}}""" },
        { "cidr of a single address", """{"detail":{"ip":[{"cidr":"10.0.0.1/32"}]}}""" },
        { "cidr with an octal address", """{"detail":{"ip":[{"cidr":"010.0.0.0/8"}]}}""" },
        { "$or not a list", """{"$or":{"source":["aws.ec2"]}}""" },
        { "$or with one alternative", """{"$or":[{"source":["aws.ec2"]}]}""" },
        { "$or with a non-object", """{"$or":[{"source":["aws.ec2"]},["aws.s3"]]}""" },
        { "operator name as a field inside $or", """{"$or":[{"prefix":["aws."]},{"source":["aws.s3"]}]}""" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Malformed_or_unsupported_pattern_is_refused_at_parse(string example, string pattern)
    {
        var error = Record.Exception(() => EventPattern.Parse(pattern));

        Assert.True(error is FormatException, $"{example}: expected a FormatException, got {error?.GetType().Name ?? "none"}");
    }

    [Fact]
    public void Refusal_names_the_field_and_the_reason()
    {
        var error = Assert.Throws<FormatException>(() => EventPattern.Parse("""{"detail":{"version":[{"numeric":["<",10,">",0]}]}}"""));

        Assert.Contains("detail.version", error.Message, StringComparison.Ordinal);
        Assert.Contains("lower bound", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Router_refuses_to_start_with_a_malformed_rule_naming_it()
    {
        var rules = new[] { new WebhookRoutingRule("broken-rule", "bad", """{"source":[{"contains":"x"}]}""") };

        var error = Assert.Throws<FormatException>(() => new StatusEventRouter(new RecordingWebhookQueue(), rules));

        Assert.Contains("broken-rule", error.Message, StringComparison.Ordinal);
    }
}

using Payments.Application.Webhooks.Routing;

namespace Payments.Application.Tests.Webhooks.Routing;

/// <summary>
/// The examples of AWS's event-pattern pages (eb-event-patterns, eb-create-pattern-operators, null values, arrays)
/// and of Event Ruler's README, EventBridge's matcher: each pattern against the event those pages match it with.
/// </summary>
public sealed class EventPatternDocumentedExamplesTests
{
    private const string Ec2Event = """
        {
          "version": "0",
          "id": "ddddd4-aaaa-7777-4444-345dd43cc333",
          "detail-type": "EC2 Instance State-change Notification",
          "source": "aws.ec2",
          "account": "012345679012",
          "time": "2017-10-02T16:24:49Z",
          "region": "us-east-1",
          "resources": [
            "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b",
            "arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000"
          ],
          "detail": {
            "c-count": 5,
            "d-count": 3,
            "x-limit": 301.8,
            "source-ip": "10.0.0.33",
            "source-ipv6": "2001:db8::42",
            "instance-id": "i-000000aaaaaa00000",
            "state": "running",
            "FileName": "photo.PNG",
            "FilePath": "/usr/lib/libc.so",
            "eventVersion": "",
            "responseElements": null,
            "nested": { "c1": 100 }
          }
        }
        """;

    private const string EmployeesEvent = """
        {
          "employees": [
            { "firstName": "John", "lastName": "Doe" },
            { "firstName": "Anna", "lastName": "Smith" },
            { "firstName": "Peter", "lastName": "Jones" }
          ]
        }
        """;

    public static TheoryData<string, string, bool> Examples => new()
    {
        // Equality: AND across fields, OR within a field's list, case-sensitive, arrays by intersection.
        { "equals", """{"source":["aws.ec2"]}""", true },
        { "equals is case-sensitive", """{"source":["AWS.EC2"]}""", false },
        { "and", """{"source":["aws.ec2"],"detail-type":["EC2 Instance State-change Notification"],"detail":{"state":["running"]}}""", true },
        { "and, one field off", """{"source":["aws.ec2"],"detail":{"state":["terminated"]}}""", false },
        { "or within a field", """{"detail":{"state":["initializing","running"]}}""", true },
        { "event array intersects", """{"resources":["arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f","arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000"]}""", true },
        { "event array disjoint", """{"resources":["arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f"]}""", false },
        { "field missing", """{"detail":{"status":["running"]}}""", false },
        { "number by value", """{"detail":{"x-limit":[301.80]}}""", true },
        { "number by value, exponent", """{"detail":{"x-limit":[3.018e2]}}""", true },
        { "number is not its string", """{"detail":{"c-count":["5"]}}""", false },
        { "empty string", """{"detail":{"eventVersion":[""]}}""", true },
        { "null", """{"detail":{"responseElements":[null]}}""", true },
        { "null is not the empty string", """{"detail":{"eventVersion":[null]}}""", false },
        { "the empty string is not null", """{"detail":{"responseElements":[""]}}""", false },

        // prefix, suffix, equals-ignore-case, wildcard: strings only.
        { "prefix", """{"time":[{"prefix":"2017-10-02"}]}""", true },
        { "prefix, other", """{"region":[{"prefix":"eu-"}]}""", false },
        { "prefix never matches a number", """{"detail":{"c-count":[{"prefix":"5"}]}}""", false },
        { "prefix ignoring case", """{"detail-type":[{"prefix":{"equals-ignore-case":"ec2 INSTANCE"}}]}""", true },
        { "suffix", """{"source":[{"suffix":"ec2"}]}""", true },
        { "suffix is case-sensitive", """{"detail":{"FileName":[{"suffix":".png"}]}}""", false },
        { "suffix ignoring case", """{"detail":{"FileName":[{"suffix":{"equals-ignore-case":".png"}}]}}""", true },
        { "equals-ignore-case", """{"source":[{"equals-ignore-case":"AWS.EC2"}]}""", true },
        { "equals-ignore-case is whole-value", """{"source":[{"equals-ignore-case":"AWS"}]}""", false },
        { "wildcard", """{"detail-type":[{"wildcard":"EC2*State-change*"}]}""", true },
        { "wildcard anchored at both ends", """{"source":[{"wildcard":"ws.*"}]}""", false },
        { "wildcard with an escaped star", """{"source":[{"wildcard":"aws.\\*"}]}""", false },
        { "wildcard never matches a number", """{"detail":{"c-count":[{"wildcard":"*"}]}}""", false },

        // anything-but.
        { "anything-but a string", """{"detail":{"state":[{"anything-but":"initializing"}]}}""", true },
        { "anything-but the value", """{"detail":{"state":[{"anything-but":"running"}]}}""", false },
        { "anything-but a list of strings", """{"detail":{"state":[{"anything-but":["stopped","running"]}]}}""", false },
        { "anything-but a number", """{"detail":{"c-count":[{"anything-but":5}]}}""", false },
        { "anything-but a list of numbers", """{"detail":{"x-limit":[{"anything-but":[100,200,300]}]}}""", true },
        { "anything-but a string matches a number", """{"detail":{"c-count":[{"anything-but":"5"}]}}""", true },
        { "anything-but prefix", """{"region":[{"anything-but":{"prefix":"us-"}}]}""", false },
        { "anything-but suffix", """{"detail":{"FileName":[{"anything-but":{"suffix":".png"}}]}}""", true },
        { "anything-but ignoring case", """{"detail":{"state":[{"anything-but":{"equals-ignore-case":["RUNNING","stopped"]}}]}}""", false },
        { "anything-but a wildcard", """{"detail":{"FilePath":[{"anything-but":{"wildcard":"*/lib/*"}}]}}""", false },
        { "anything-but never matches a missing field", """{"detail":{"status":[{"anything-but":"running"}]}}""", false },
        { "anything-but over an array: one other element is enough", """{"resources":[{"anything-but":"arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000"}]}""", true },

        // numeric.
        { "numeric, documented example", """{"detail":{"c-count":[{"numeric":[">",0,"<=",5]}],"d-count":[{"numeric":["<",10]}],"x-limit":[{"numeric":["=",3.018e2]}]}}""", true },
        { "numeric, open bound", """{"detail":{"c-count":[{"numeric":[">",5]}]}}""", false },
        { "numeric, closed bound", """{"detail":{"c-count":[{"numeric":[">=",5]}]}}""", true },
        { "numeric never matches a string", """{"detail":{"source-ip":[{"numeric":[">",0]}]}}""", false },

        // exists: leaves only, so an object counts as absent.
        { "exists", """{"detail":{"c-count":[{"exists":true}]}}""", true },
        { "exists false on a present field", """{"detail":{"c-count":[{"exists":false}]}}""", false },
        { "exists false on a missing field", """{"detail":{"e-count":[{"exists":false}]}}""", true },
        { "exists false on an intermediate node", """{"detail":{"nested":[{"exists":false}]}}""", true },
        { "exists on a null value", """{"detail":{"responseElements":[{"exists":true}]}}""", true },
        { "exists or a value", """{"detail":{"e-count":[{"exists":false},5]}}""", true },

        // cidr.
        { "cidr", """{"detail":{"source-ip":[{"cidr":"10.0.0.0/24"}]}}""", true },
        { "cidr, other block", """{"detail":{"source-ip":[{"cidr":"10.0.1.0/24"}]}}""", false },
        { "cidr, IPv6", """{"detail":{"source-ipv6":[{"cidr":"2001:db8::/32"}]}}""", true },
        { "cidr never matches across families", """{"detail":{"source-ipv6":[{"cidr":"0.0.0.0/0"}]}}""", false },

        // $or and a complex example.
        { "$or", """{"source":["aws.ec2"],"$or":[{"detail":{"c-count":[{"numeric":[">",10]}]}},{"detail":{"d-count":[3]}}]}""", true },
        { "$or, neither", """{"source":["aws.ec2"],"$or":[{"detail":{"c-count":[{"numeric":[">",10]}]}},{"detail":{"d-count":[4]}}]}""", false },
        { "$or nested in detail", """{"detail":{"$or":[{"state":["stopped"]},{"instance-id":[{"prefix":"i-"}]}]}}""", true },
        { "complex", """{"time":[{"prefix":"2017-10-02"}],"detail":{"state":[{"anything-but":"initializing"}],"c-count":[{"numeric":[">",0,"<=",5]}],"d-count":[{"numeric":["<",10]}],"x-limit":[{"anything-but":[100,200,300]}],"source-ip":[{"cidr":"10.0.0.0/8"}]}}""", true },
    };

    public static TheoryData<string, string, bool> ArrayExamples => new()
    {
        { "objects inside an array", """{"employees":{"firstName":["Anna"]}}""", true },
        { "two fields from one element", """{"employees":{"firstName":["Anna"],"lastName":["Smith"]}}""", true },
        { "two fields from different elements", """{"employees":{"firstName":["Anna"],"lastName":["Jones"]}}""", false },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Documented_pattern_matches_the_documented_event_as_documented(string example, string pattern, bool matches) =>
        Assert.True(EventPattern.Parse(pattern).Matches(Ec2Event) == matches, $"{example}: expected {(matches ? "a match" : "no match")}");

    [Theory]
    [MemberData(nameof(ArrayExamples))]
    public void Fields_inside_an_array_of_objects_match_only_within_one_element(string example, string pattern, bool matches) =>
        Assert.True(EventPattern.Parse(pattern).Matches(EmployeesEvent) == matches, $"{example}: expected {(matches ? "a match" : "no match")}");
}

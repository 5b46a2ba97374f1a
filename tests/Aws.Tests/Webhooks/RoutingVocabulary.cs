using Payments.Domain.Serialization;

namespace Payments.Aws.Tests.Webhooks;

/// <summary>
/// The words generated envelopes and patterns are made of: every ledger event type, the ledger's source, and near misses
/// (case variants, other sources, trailing spaces), so that generated patterns hit and miss the envelopes about evenly.
/// </summary>
internal static class RoutingVocabulary
{
    public static readonly string[] Sources =
        ["payments.ledger", "payments.ledger", "payments.ledger", "Payments.Ledger", "payments.ledger.test", "payments", "aws.events", "ledger.payments"];

    public static readonly string[] DetailTypes =
        [.. PaymentEventCodec.TypeNames, "paymentcompleted", "PAYMENTFAILED", "PaymentCompleted ", "Payment Completed", "PaymentRefunded", "RampOutcomeUnknownV2"];

    public static readonly string[] PaymentIds = ["6f1c2a64-3a43-4f4e-9a55-0b8e2f1d7c11", "0b7e4c1e-98a2-4c55-b7a7-2c4d5e6f7a8b", "pay_123", ""];

    public static readonly string[] VersionTexts = ["0", "", "1", "2", "7", "12", "01"];

    public static readonly decimal[] Numbers = [0, 3, 2.5m, 12, -5, 100, 301.8m, 4_999_999_999];

    public static readonly string[] Tags = ["eu", "us", "vip", "EU"];

    public static readonly string[] ClientIps = ["10.0.0.7", "10.1.2.3", "192.168.1.20", "172.16.5.4", "not-an-ip"];

    public static readonly string[] Cidrs = ["10.0.0.0/8", "10.0.0.0/24", "10.1.0.0/16", "192.168.0.0/16", "172.16.0.0/12", "0.0.0.0/0"];

    public static readonly string[] ErrorCodes = ["RAMP_TIMEOUT", "ramp_timeout", "INSUFFICIENT_FUNDS"];

    public static readonly string[] ResourceArns =
        ["arn:aws:dynamodb:us-east-1:123456789012:table/payments", "arn:aws:sqs:us-east-1:123456789012:webhooks", "arn:aws:lambda:eu-west-1:123456789012:function:worker"];

    public static T Pick<T>(this Random random, IReadOnlyList<T> from) => from[random.Next(from.Count)];

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;
}

using BenchmarkDotNet.Attributes;
using Payments.Domain.Requests;

namespace Payments.Bench.Micro;

/// <summary>Validation runs on every POST before anything is written, accepted or not.</summary>
[MemoryDiagnoser]
public class RequestValidationBenchmarks
{
    private PaymentRequest _typical = null!;
    private PaymentRequest _everyRuleBroken = null!;
    private ValidPaymentRequest _valid = null!;

    [GlobalSetup]
    public void Setup()
    {
        _typical = SandwichHistory.Request();

        // The validator reports every broken rule at once, so the slowest path breaks as many as a
        // supported currency allows: too precise, too large, unprintable accounts, same accounts.
        _everyRuleBroken = new PaymentRequest(12_000_000.005m, "USD", "DE89370400440532013000\t", "DE89370400440532013000\t");
        if (PaymentRequestValidator.Validate(_everyRuleBroken, out _).Count != 5)
        {
            throw new InvalidOperationException("The broken request must break all five rules.");
        }

        PaymentRequestValidator.Validate(_typical, out var valid);
        _valid = valid ?? throw new InvalidOperationException("The typical request must be valid.");
    }

    [Benchmark(Baseline = true)]
    public ValidPaymentRequest? ValidateTypical()
    {
        PaymentRequestValidator.Validate(_typical, out var valid);
        return valid;
    }

    [Benchmark]
    public IReadOnlyList<FieldError> ValidateEveryRuleBroken() => PaymentRequestValidator.Validate(_everyRuleBroken, out _);

    /// <summary>The idempotency check's SHA-256 over the canonical request, paid by every accepted request.</summary>
    [Benchmark]
    public string Fingerprint() => _valid.Fingerprint();
}

using BenchmarkDotNet.Attributes;
using Payments.Domain.Events;
using Payments.Domain.Serialization;

namespace Payments.Bench.Micro;

/// <summary>
/// Every append encodes and every read decodes, through the source-generated JSON context.
/// PaymentRequested is measured on its own because it is the largest event and the one every payment has.
/// </summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private PaymentEvent _requested = null!;
    private EncodedPaymentEvent _encodedRequested = null!;
    private IReadOnlyList<PaymentEvent> _sandwich = [];

    [GlobalSetup]
    public void Setup()
    {
        _sandwich = SandwichHistory.Completed();
        _requested = _sandwich[0];
        _encodedRequested = PaymentEventCodec.Encode(_requested);
    }

    [Benchmark]
    public EncodedPaymentEvent EncodeRequested() => PaymentEventCodec.Encode(_requested);

    [Benchmark]
    public PaymentEvent DecodeRequested() =>
        PaymentEventCodec.Decode(_encodedRequested.Type, _encodedRequested.SchemaVersion, _encodedRequested.Data);

    /// <summary>A whole payment written and read back: what one completed payment costs the codec.</summary>
    [Benchmark]
    public PaymentEvent RoundTripSandwich()
    {
        PaymentEvent last = null!;
        foreach (var @event in _sandwich)
        {
            var encoded = PaymentEventCodec.Encode(@event);
            last = PaymentEventCodec.Decode(encoded.Type, encoded.SchemaVersion, encoded.Data);
        }

        return last;
    }
}

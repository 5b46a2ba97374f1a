using FsCheck;
using FsCheck.Fluent;
using Payments.Application.Ledger;

namespace Payments.Application.Tests.Ledger;

public sealed class PaymentIdSequenceTests
{
    [FsCheck.Xunit.Property(MaxTest = 200)]
    public Property Ids_strictly_increase_even_within_one_millisecond_or_when_the_clock_steps_back() =>
        Prop.ForAll(Arb.From(Gen.Choose(-3, 3).ListOf(50)), steps =>
        {
            var sequence = new PaymentIdSequence();
            var now = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
            var previous = Guid.Empty;
            foreach (var step in steps)
            {
                now = now.AddMilliseconds(step);
                var id = sequence.Next(now);
                if (id.CompareTo(previous) <= 0 || id.Version != 7 || string.CompareOrdinal(id.ToString(), previous.ToString()) <= 0)
                {
                    return false;
                }

                previous = id;
            }

            return true;
        });
}

using Payments.Application.Jobs;

namespace Payments.Application.Tests.Jobs;

/// <summary>Fault injection for the job dispatch: fails the next N dispatches, before or after the real write.</summary>
public sealed class FlakyOutbox(IJobOutbox inner) : IJobOutbox
{
    private int _failuresLeft;

    public int Failures { get; private set; }

    /// <summary>True: the jobs are written, then the call still fails (a crash before the caller learns of it).</summary>
    public bool FailAfterWrite { get; init; }

    public void FailNext(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    public async Task Dispatch(IReadOnlyList<PaymentJob> jobs, CancellationToken cancellationToken)
    {
        var fail = Interlocked.Decrement(ref _failuresLeft) >= 0;
        if (fail && !FailAfterWrite)
        {
            Failures++;
            throw new IOException("queue unavailable (injected)");
        }

        await inner.Dispatch(jobs, cancellationToken);
        if (fail)
        {
            Failures++;
            throw new IOException("connection lost after commit (injected)");
        }
    }
}

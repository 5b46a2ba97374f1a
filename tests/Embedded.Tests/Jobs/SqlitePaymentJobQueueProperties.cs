using FsCheck;
using FsCheck.Fluent;
using Payments.Application.Jobs;
using Payments.Embedded.Jobs;
using Payments.TestServices;

namespace Payments.Embedded.Tests.Jobs;

public sealed class SqlitePaymentJobQueueProperties
{
    private enum Step
    {
        Enqueue,
        Receive,
        CompleteOldest,
        CompleteNewest,
        Abandon,
        Expire,
    }

    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(30);

    [FsCheck.Xunit.Property(MaxTest = 30)]
    public Property Any_interleaving_of_receive_complete_abandon_and_expiry_neither_loses_nor_duplicates_a_job() =>
        Prop.ForAll(Arb.From(Gen.Elements(Enum.GetValues<Step>()).ListOf().Select(l => l.ToList())), steps =>
        {
            using var directory = new TempDirectory();
            var time = Clock.Fake();
            var queue = SqlitePaymentJobQueue.Open(directory.File("jobs.db"), time, new EmbeddedQueueOptions { VisibilityTimeout = Visibility });
            try
            {
                var enqueued = new HashSet<Guid>();
                var completed = new List<Guid>();
                var held = new List<JobReceipt>();
                foreach (var step in steps.Append(Step.Enqueue))
                {
                    Apply(step, queue, time, enqueued, completed, held);
                }

                Drain(queue, time, completed);
                var dead = Run(queue.ReadDeadLetters(CancellationToken.None)).Select(d => IdOf(d.Body)).ToList();
                return completed.Count == completed.Distinct().Count()
                    && !completed.Intersect(dead).Any()
                    && enqueued.SetEquals(completed.Concat(dead));
            }
            finally
            {
                Run(queue.DisposeAsync().AsTask());
            }
        });

    private static void Apply(Step step, SqlitePaymentJobQueue queue, Microsoft.Extensions.Time.Testing.FakeTimeProvider time, HashSet<Guid> enqueued, List<Guid> completed, List<JobReceipt> held)
    {
        switch (step)
        {
            case Step.Enqueue:
                var id = Guid.NewGuid();
                enqueued.Add(id);
                Run(queue.Enqueue(new PaymentJob(id), CancellationToken.None));
                break;
            case Step.Receive when Run(queue.Receive(TimeSpan.Zero, CancellationToken.None)) is { } receipt:
                held.Add(receipt);
                break;
            case Step.CompleteOldest or Step.CompleteNewest when held.Count > 0:
                var index = step == Step.CompleteOldest ? 0 : held.Count - 1;
                Complete(queue, held[index], completed);
                held.RemoveAt(index);
                break;
            case Step.Abandon when held.Count > 0:
                Run(queue.Abandon(held[0], TimeSpan.Zero, CancellationToken.None));
                held.RemoveAt(0);
                break;
            case Step.Expire:
                time.Advance(Visibility);
                break;
        }
    }

    /// <summary>Counts a completion only when it deleted the job: a stale receipt must not complete anything.</summary>
    private static void Complete(SqlitePaymentJobQueue queue, JobReceipt receipt, List<Guid> completed)
    {
        var before = Run(queue.CountPending(CancellationToken.None));
        Run(queue.Complete(receipt, CancellationToken.None));
        if (Run(queue.CountPending(CancellationToken.None)) < before)
        {
            completed.Add(IdOf(receipt.Body));
        }
    }

    private static void Drain(SqlitePaymentJobQueue queue, Microsoft.Extensions.Time.Testing.FakeTimeProvider time, List<Guid> completed)
    {
        while (Run(queue.CountPending(CancellationToken.None)) > 0)
        {
            time.Advance(Visibility);
            while (Run(queue.Receive(TimeSpan.Zero, CancellationToken.None)) is { } receipt)
            {
                Complete(queue, receipt, completed);
            }
        }
    }

    private static Guid IdOf(string body) => PaymentJob.TryParse(body, out _)!.PaymentId;

    private static T Run<T>(Task<T> task) => task.GetAwaiter().GetResult();

    private static void Run(Task task) => task.GetAwaiter().GetResult();
}

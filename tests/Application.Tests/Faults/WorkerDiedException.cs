namespace Payments.Application.Tests.Faults;

/// <summary>Stands for the worker process dying mid-delivery: nothing after the throw runs, the lease lapses, the queue redelivers.</summary>
public sealed class WorkerDiedException : Exception
{
    public WorkerDiedException()
        : base("the worker died (simulated)")
    {
    }

    public WorkerDiedException(string message)
        : base(message)
    {
    }

    public WorkerDiedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

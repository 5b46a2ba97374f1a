namespace Payments.Application.Consumers;

/// <summary>A consumer under <see cref="PoisonAction.Stop"/> reached an event it cannot handle; it holds its position before it.</summary>
public sealed class ConsumerStalledException : Exception
{
    public ConsumerStalledException()
    {
    }

    public ConsumerStalledException(string message)
        : base(message)
    {
    }

    public ConsumerStalledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace Payments.Application.Jobs;

/// <summary>
/// A queue at one moment: messages waiting (visible, delayed or leased), the age of the oldest of them (zero when
/// empty), and messages dead-lettered. The figures SQS reports as ApproximateNumberOfMessages*, ApproximateAgeOfOldestMessage
/// and the dead-letter queue's depth.
/// </summary>
public sealed record QueueMeasure(long Depth, TimeSpan OldestAge, long DeadLetters);

using System.Diagnostics;
using Payments.Application.Jobs;
using Payments.Domain.Ramps;
using Payments.EventStore.Contract;

namespace Payments.Application.Worker;

/// <summary>
/// The worker's spans: one per job delivery, continuing the trace the job carries (the API request that asked for the
/// payment), and one per ramp leg within it. Nothing is allocated when no listener traces the worker.
/// </summary>
public static class PaymentTracing
{
    public const string SourceName = "Payments.Worker";

    public const string JobSpan = "payments.job";

    public static readonly ActivitySource Source = new(SourceName);

    public static Activity? StartJob(PaymentJob job, JobReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(receipt);
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(JobSpan, ActivityKind.Consumer, TraceContext.Parent(job.Traceparent, job.Tracestate));
        activity?.SetTag("payments.payment_id", job.PaymentId.ToString("D"));
        activity?.SetTag("messaging.message.id", receipt.MessageId);
        activity?.SetTag("messaging.message.delivery_count", receipt.ReceiveCount);
        return activity;
    }

    /// <summary>A span named after the leg (<c>payments.ramp.on_ramp</c>, <c>.off_ramp</c>, <c>.reversal</c>).</summary>
    public static Activity? StartLeg(RampLeg leg, Guid paymentId)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(LegSpan(leg), ActivityKind.Client);
        activity?.SetTag("payments.payment_id", paymentId.ToString("D"));
        return activity;
    }

    public static string LegSpan(RampLeg leg) => leg switch
    {
        RampLeg.OnRamp => "payments.ramp.on_ramp",
        RampLeg.OffRamp => "payments.ramp.off_ramp",
        RampLeg.Reversal => "payments.ramp.reversal",
        _ => throw new ArgumentOutOfRangeException(nameof(leg), leg, "Unknown ramp leg"),
    };
}

using Payments.Application.Jobs;
using Payments.Aws.Sqs;

namespace Payments.Aws.Tests.Sqs;

public sealed class PaymentQueueSettingsTests
{
    [Fact]
    public void Payment_queue_attributes_carry_the_spec_figures()
    {
        var attributes = PaymentQueueSettings.QueueAttributes("arn:aws:sqs:us-east-1:000000000000:payments-dlq");

        Assert.Equal("300", attributes["VisibilityTimeout"]);
        Assert.Equal("1209600", attributes["MessageRetentionPeriod"]);
        Assert.Equal("20", attributes["ReceiveMessageWaitTimeSeconds"]);
        Assert.Equal("""{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:payments-dlq","maxReceiveCount":3}""", attributes["RedrivePolicy"]);
        Assert.Equal(1, PaymentQueueSpec.BatchSize);
    }

    [Fact]
    public void Dead_letter_queue_is_named_after_the_payment_queue()
    {
        Assert.Equal("payments-dlq", PaymentQueueSettings.DeadLetterQueueName("payments"));
    }
}

using Payments.Application.Webhooks;
using Payments.Application.Webhooks.Sending;

namespace Payments.Application.Tests.Webhooks;

public sealed class WebhookRetryPolicyTests
{
    private readonly WebhookRetryPolicy _policy = new(new WebhookOptions(), new Random(7));

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 300)]
    [InlineData(3, 1800)]
    [InlineData(4, 7200)]
    [InlineData(9, 7200)]
    public void Delays_follow_the_schedule_within_twenty_percent_jitter(int failedAttempts, int seconds)
    {
        var delays = Enumerable.Range(0, 200).Select(_ => _policy.After(failedAttempts, null).TotalSeconds).ToList();

        Assert.All(delays, d => Assert.InRange(d, seconds * 0.8, seconds * 1.2));
        Assert.True(delays.Distinct().Count() > 100, "jitter spreads the delays");
    }

    [Fact]
    public void Retry_after_longer_than_the_schedule_wins()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), _policy.After(1, TimeSpan.FromSeconds(7)));
    }

    [Fact]
    public void Retry_after_shorter_than_the_schedule_does_not_shorten_it()
    {
        Assert.InRange(_policy.After(2, TimeSpan.FromSeconds(1)).TotalSeconds, 240, 360);
    }

    [Fact]
    public void No_delay_exceeds_what_SQS_can_hide_a_message_for()
    {
        Assert.Equal(WebhookRetryPolicy.MaxDelay, _policy.After(1, TimeSpan.FromDays(3)));
    }
}

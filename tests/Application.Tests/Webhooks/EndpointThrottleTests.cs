using Microsoft.Extensions.Time.Testing;
using Payments.Application.Webhooks;
using Payments.Application.Webhooks.Sending;

namespace Payments.Application.Tests.Webhooks;

public sealed class EndpointThrottleTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void An_endpoint_gets_its_rate_then_waits_for_the_next_token()
    {
        var throttle = new EndpointThrottle(new WebhookOptions { DeliveriesPerSecond = 2 }, _time);

        Assert.Null(throttle.TryTake("ep_a"));
        Assert.Null(throttle.TryTake("ep_a"));
        var wait = throttle.TryTake("ep_a");

        Assert.NotNull(wait);
        Assert.InRange(wait.Value.TotalMilliseconds, 499, 501);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Null(throttle.TryTake("ep_a"));
    }

    [Fact]
    public void A_busy_endpoint_does_not_hold_back_another()
    {
        var throttle = new EndpointThrottle(new WebhookOptions { DeliveriesPerSecond = 1 }, _time);
        Assert.Null(throttle.TryTake("ep_slow"));
        Assert.NotNull(throttle.TryTake("ep_slow"));

        Assert.Null(throttle.TryTake("ep_other"));
    }

    [Fact]
    public void Idle_time_refills_no_more_than_one_second_of_burst()
    {
        var throttle = new EndpointThrottle(new WebhookOptions { DeliveriesPerSecond = 3 }, _time);
        Assert.Null(throttle.TryTake("ep_a"));
        _time.Advance(TimeSpan.FromMinutes(10));

        var granted = Enumerable.Range(0, 10).Count(_ => throttle.TryTake("ep_a") is null);

        Assert.Equal(3, granted);
    }
}

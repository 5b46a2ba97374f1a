using Payments.Application.Webhooks.Queue;
using Payments.EventStore.Contract;

namespace Payments.Application.Tests.Webhooks;

public sealed class WebhookQueueMessageTraceTests
{
    [Fact]
    public void Delivery_body_carries_its_trace_context_through_the_queue()
    {
        var body = WebhookQueueMessage.DeliveryBody("dlv_1", new TraceContext("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "congo=t61rcWkgMzE"));

        var delivery = Assert.IsType<WebhookQueueMessage.Delivery>(WebhookQueueMessage.TryParse(body));

        Assert.Equal(new WebhookQueueMessage.Delivery("dlv_1", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "congo=t61rcWkgMzE"), delivery);
    }

    [Fact]
    public void Untraced_delivery_body_is_the_old_shape_and_old_bodies_still_parse()
    {
        Assert.Equal("""{"delivery_id":"dlv_1"}""", WebhookQueueMessage.DeliveryBody("dlv_1", null));
        Assert.Equal(new WebhookQueueMessage.Delivery("dlv_1"), WebhookQueueMessage.TryParse("""{"delivery_id":"dlv_1"}"""));
    }
}

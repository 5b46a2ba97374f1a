namespace Payments.Projections.Projector;

/// <summary>One unit of projector writes: the rows of a page of events, made durable together by <see cref="Commit"/>; disposing without it discards them where the store can.</summary>
public interface IPaymentProjectionBatch : IPaymentProjectionStore, IAsyncDisposable
{
    Task Commit(CancellationToken cancellationToken);
}

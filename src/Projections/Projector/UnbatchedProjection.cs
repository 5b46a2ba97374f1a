namespace Payments.Projections.Projector;

/// <summary>A batch over a store whose every conditional write is durable on its own (DynamoDB): nothing is left to commit.</summary>
public sealed class UnbatchedProjection(IPaymentProjectionStore store) : IPaymentProjectionBatch
{
    public Task<ReadModel.PaymentRecord?> Load(Guid paymentId, CancellationToken cancellationToken) => store.Load(paymentId, cancellationToken);

    public Task<bool> Save(ReadModel.PaymentRecord record, long expectedVersion, CancellationToken cancellationToken) =>
        store.Save(record, expectedVersion, cancellationToken);

    public Task Commit(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

namespace Payments.Projections.Projector;

/// <summary>A payments read model the projector can write to in batches (SQLite: one transaction a page; DynamoDB: each row on its own).</summary>
public interface IPaymentProjectionWriter
{
    Task<IPaymentProjectionBatch> Begin(CancellationToken cancellationToken);
}

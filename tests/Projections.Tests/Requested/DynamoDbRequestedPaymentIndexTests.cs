using Payments.Application.Reconciliation;
using Payments.Projections.ReadModel;
using Payments.Projections.Tests.DynamoDb;

namespace Payments.Projections.Tests.Requested;

public sealed class DynamoDbRequestedPaymentIndexTests(DynamoDbPaymentsFixture fixture) : RequestedPaymentIndexContract, IClassFixture<DynamoDbPaymentsFixture>
{
    protected override IRequestedPaymentIndex Index => fixture.Model;

    protected override async Task Save(PaymentRecord row) => Assert.True(await fixture.Model.Save(row, 0, CancellationToken.None));
}

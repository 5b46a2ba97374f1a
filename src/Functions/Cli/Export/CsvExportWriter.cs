using Payments.Application.Ledger;
using Payments.EventStore.Contract;

namespace Payments.Functions.Cli.Export;

/// <summary>RFC 4180 CSV (CRLF line ends) with a header row and <see cref="FinanceCsvRow"/>'s columns.</summary>
internal sealed class CsvExportWriter(TextWriter output, IEventReader log) : IEventExportWriter
{
    private readonly PaymentClients _clients = new(log);

    public async Task Begin(CancellationToken cancellationToken) =>
        await output.WriteAsync(CsvText.Line(FinanceCsvRow.Header).AsMemory(), cancellationToken);

    public async Task Write(StoredEvent stored, CancellationToken cancellationToken)
    {
        var @event = PaymentLedger.Decode(stored);
        var client = await _clients.Of(stored, @event, cancellationToken);
        await output.WriteAsync(FinanceCsvRow.Of(@event).Line(stored, client).AsMemory(), cancellationToken);
    }
}

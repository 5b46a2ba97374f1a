using Payments.EventStore.Contract;

namespace Payments.Functions.Cli.Export;

/// <summary>Writes exported events in one format, one after another, header first where the format has one.</summary>
internal interface IEventExportWriter
{
    Task Begin(CancellationToken cancellationToken);

    Task Write(StoredEvent stored, CancellationToken cancellationToken);
}

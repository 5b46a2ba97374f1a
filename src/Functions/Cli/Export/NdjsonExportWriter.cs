using System.Text.Json;
using Payments.EventStore.Contract;

namespace Payments.Functions.Cli.Export;

/// <summary>JSON Lines: one compact object per event, each ended by a line feed (never CRLF, whatever the platform).</summary>
internal sealed class NdjsonExportWriter(TextWriter output) : IEventExportWriter
{
    public Task Begin(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task Write(StoredEvent stored, CancellationToken cancellationToken)
    {
        await output.WriteAsync(JsonSerializer.Serialize(ExportedEvent.From(stored), CliJsonContext.Default.ExportedEvent).AsMemory(), cancellationToken);
        await output.WriteAsync("\n".AsMemory(), cancellationToken);
    }
}

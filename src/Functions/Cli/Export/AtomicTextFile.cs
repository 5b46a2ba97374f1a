using System.Text;

namespace Payments.Functions.Cli.Export;

/// <summary>
/// A file that appears whole or not at all: written beside its destination under a temporary name, flushed to disk,
/// then renamed over it. A reader never sees half an export, and a failed one leaves any earlier file untouched.
/// </summary>
internal static class AtomicTextFile
{
    public static async Task Write(string path, Func<TextWriter, Task> write, CancellationToken cancellationToken)
    {
        var destination = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(destination)!, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await using (var writer = new StreamWriter(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: -1, leaveOpen: true))
                {
                    await write(writer);
                    await writer.FlushAsync(cancellationToken);
                }

                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, destination, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}

namespace Payments.Embedded;

/// <summary>
/// The rules every embedded key file follows (the webhook secrets' key, the audit signing key): it lives outside the
/// data directory, and it is created once, owner-only, written beside its target and moved into place, so processes
/// starting together never read a half-written key and the first one's key stands.
/// </summary>
internal static class KeyFile
{
    public static bool IsWithin(string path, string directory)
    {
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var root = Path.TrimEndingDirectorySeparator(directory);
        var prefix = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        return string.Equals(Path.TrimEndingDirectorySeparator(path), root, comparison) || path.StartsWith(prefix, comparison);
    }

    /// <summary>Creates <paramref name="keyPath"/> with what <paramref name="write"/> puts in a new owner-only file, unless another process already did.</summary>
    public static void CreateOnce(string keyPath, Action<FileStream> write)
    {
        var directory = Path.GetDirectoryName(keyPath)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var temporary = keyPath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.WriteThrough };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var file = new FileStream(temporary, options))
            {
                write(file);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, keyPath, overwrite: false);
        }
        catch (IOException) when (File.Exists(keyPath))
        {
            // Another process created the key first; its key stands.
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}

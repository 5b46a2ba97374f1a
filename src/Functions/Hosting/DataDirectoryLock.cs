namespace Payments.Functions.Hosting;

/// <summary>
/// One `serve` per data directory. The embedded system assumes it is the only process using its files
/// (a job leased in jobs.db belongs to this process or to a dead one), so a second process on the
/// same directory is refused up front. The lock is an OS file lock: it dies with the process, even on kill -9.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = ".serve.lock";

    private readonly FileStream _lock;

    private DataDirectoryLock(FileStream held) => _lock = held;

    /// <summary>Null when another live process holds the directory.</summary>
    public static DataDirectoryLock? TryAcquire(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        try
        {
            return new DataDirectoryLock(new FileStream(Path.Combine(dataDirectory, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _lock.Dispose();
}

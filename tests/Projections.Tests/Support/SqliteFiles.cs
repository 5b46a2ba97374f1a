using Microsoft.Data.Sqlite;

namespace Payments.Projections.Tests.Support;

/// <summary>A temporary directory for one test's SQLite files, removed afterwards.</summary>
public sealed class SqliteFiles : IDisposable
{
    public string Directory { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "payments-proj-" + Guid.NewGuid().ToString("N"));

    public string Path(string file) => System.IO.Path.Combine(Directory, file);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}

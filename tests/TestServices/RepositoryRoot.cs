namespace Payments.TestServices;

/// <summary>Finds the checkout (the folder with Payments.sln) so fixtures can use its pinned node_modules.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Payments.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Payments.sln not found above " + AppContext.BaseDirectory);
    }

    public static string NodeModules(string package)
    {
        var path = Path.Combine(Find(), "node_modules", package);
        return Directory.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} is missing: run ./build.sh test (it runs npm ci) first.");
    }
}

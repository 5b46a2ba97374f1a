using Payments.Embedded.Audit;
using Payments.TestServices;

namespace Payments.Embedded.Tests.Audit;

public sealed class KeyFileCheckpointSignerTests
{
    [Fact]
    public void A_key_inside_the_data_directory_or_at_it_is_refused_and_nothing_is_written()
    {
        using var data = new TempDirectory();

        Assert.Throws<ArgumentException>(() => KeyFileCheckpointSigner.OpenOrCreate(data.File("audit.pem"), data.Path));
        Assert.Throws<ArgumentException>(() => KeyFileCheckpointSigner.OpenOrCreate(data.Path + Path.DirectorySeparatorChar, data.Path));
        Assert.Empty(Directory.EnumerateFileSystemEntries(data.Path));
    }

    [Fact]
    public async Task The_key_is_created_owner_only_once_and_reopened_with_the_same_public_key()
    {
        using var data = new TempDirectory();
        using var keys = new TempDirectory();
        var path = keys.File("nested/audit.pem");

        using var first = KeyFileCheckpointSigner.OpenOrCreate(path, data.Path);
        using var second = KeyFileCheckpointSigner.OpenOrCreate(path, data.Path);

        Assert.Equal(await first.PublicKey(default), await second.PublicKey(default));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.Single(Directory.EnumerateFiles(Path.GetDirectoryName(path)!));
    }
}

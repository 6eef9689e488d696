using Desec.Signer.Keys;
using Desec.Signer.Tests.Support;

namespace Desec.Signer.Tests.Keys;

public class AtomicFileTests
{
    [Fact]
    public void Writes_the_text_with_the_mode_and_leaves_no_temporary_file()
    {
        using var folder = new TempDirectory();
        string path = folder.File("state");
        AtomicFile.Write(path, "one\n", AtomicFile.PrivateMode);
        AtomicFile.Write(path, "two\n", AtomicFile.PrivateMode);
        Assert.Equal("two\n", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
        if (!OperatingSystem.IsWindows()) { Assert.Equal(AtomicFile.PrivateMode, File.GetUnixFileMode(path)); }
    }

    [Fact]
    public void Flushing_a_folder_works_and_a_missing_folder_is_skipped()
    {
        using var folder = new TempDirectory();
        AtomicFile.FlushDirectory(folder.Path);
        AtomicFile.FlushDirectory(folder.File("absent"));
    }
}

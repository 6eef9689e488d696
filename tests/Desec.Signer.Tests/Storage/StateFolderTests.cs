using Desec.Signer.Storage;
using Desec.Signer.Tests.Support;

namespace Desec.Signer.Tests.Storage;

/// <summary>
/// The state folder is made 0700 with its sub-folders; an existing one open to others is reported and left
/// as the operator made it, sub-folders open to others are tightened (they are the server's alone).
/// </summary>
public sealed class StateFolderTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_new_state_folder_and_its_sub_folders_are_0700()
    {
        if (OperatingSystem.IsWindows()) { return; }
        string root = _directory.File("state");
        Assert.Empty(StateFolder.Prepare(root));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(root));
        foreach (var name in StateFolder.SubFolders) { Assert.Equal(OwnerOnly, File.GetUnixFileMode(Path.Combine(root, name))); }
    }

    [Fact]
    public void An_open_state_folder_is_reported_and_open_sub_folders_are_tightened()
    {
        if (OperatingSystem.IsWindows()) { return; }
        string root = _directory.File("state");
        var open = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        Directory.CreateDirectory(Path.Combine(root, "keys"));
        File.SetUnixFileMode(root, open);
        File.SetUnixFileMode(Path.Combine(root, "keys"), open | UnixFileMode.OtherWrite);
        var notes = StateFolder.Prepare(root);
        Assert.Equal(2, notes.Count);
        Assert.Contains("has mode 0755", notes[0]);
        Assert.Contains("had mode 0757; changed to 0700", notes[1]);
        Assert.Equal(open, File.GetUnixFileMode(root));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(Path.Combine(root, "keys")));
        Assert.Empty(StateFolder.Prepare(root).Skip(1));
    }
}

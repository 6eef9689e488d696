namespace Interop.Tests.Faults;

/// <summary>
/// A small tmpfs mounted on a temporary folder, to put a server's state folder on a disk that can be
/// filled up or made read-only under it. Mounting needs root (CAP_SYS_ADMIN), which the test command
/// has on the project's machines and CI.
/// </summary>
public sealed class TmpfsMount : IDisposable
{
    private readonly List<string> _fillers = [];

    public TmpfsMount(string size)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tmpfs-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path);
        Mount(["-t", "tmpfs", "-o", $"size={size},mode=0700", "tmpfs", Path]);
    }

    public string Path { get; }

    /// <summary>Writes zeros into a new file until the disk is full (ENOSPC).</summary>
    public void Fill()
    {
        string filler = System.IO.Path.Combine(Path, $"filler-{_fillers.Count}");
        _fillers.Add(filler);
        var block = new byte[64 * 1024];
        using var file = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
        try
        {
            while (true) { file.Write(block); }
        }
        catch (IOException)
        {
            // Full; a smaller write may still fit in the last block.
        }
        try { while (true) { file.Write(block, 0, 512); } }
        catch (IOException) { }
    }

    /// <summary>Frees what <see cref="Fill"/> took.</summary>
    public void Free()
    {
        foreach (var filler in _fillers) { File.Delete(filler); }
        _fillers.Clear();
    }

    public void ReadOnly() => Mount(["-o", "remount,ro", Path]);

    public void ReadWrite() => Mount(["-o", "remount,rw", Path]);

    private static void Mount(string[] arguments)
    {
        var result = ExternalTool.Run("mount", arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"mount {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.Error.Trim()}; "
                + "these tests need root to mount a tmpfs");
        }
    }

    public void Dispose()
    {
        // Lazily: a process that still holds a file there (it should not) cannot keep the mount.
        ExternalTool.Run("umount", ["-l", Path]);
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}

using System.Runtime.InteropServices;

namespace Desec.Signer.Keys;

/// <summary>
/// Writes a file so that readers see either nothing or all of it: the text goes to a temporary
/// file in the same folder, created with its final permissions and flushed to disk, which is then
/// renamed over the final name (rename is atomic within a file system).
/// </summary>
public static partial class AtomicFile
{
    public const UnixFileMode PrivateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode PublicMode = PrivateMode | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Writes <paramref name="text"/> to a temporary file beside <paramref name="path"/> and returns its name.</summary>
    public static string WriteTemporary(string path, string text, UnixFileMode mode) =>
        WriteTemporary(path, new System.Text.UTF8Encoding(false).GetBytes(text), mode);

    /// <summary>Writes <paramref name="bytes"/> to a temporary file beside <paramref name="path"/> and returns its name.</summary>
    public static string WriteTemporary(string path, ReadOnlySpan<byte> bytes, UnixFileMode mode)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        string temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) { options.UnixCreateMode = mode; }
        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            // The umask may have taken bits away at creation; set exactly the mode asked for.
            if (!OperatingSystem.IsWindows()) { File.SetUnixFileMode(temporary, mode); }
            return temporary;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public static void Write(string path, string text, UnixFileMode mode) =>
        Write(path, new System.Text.UTF8Encoding(false).GetBytes(text), mode);

    public static void Write(string path, ReadOnlySpan<byte> bytes, UnixFileMode mode)
    {
        string temporary = WriteTemporary(path, bytes, mode);
        try
        {
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        FlushDirectory(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
    }

    /// <summary>
    /// Flushes a folder's entries to disk, so that a rename into it survives a crash (POSIX: fsync
    /// on the directory). Best effort: where the folder cannot be opened (Windows), nothing is done.
    /// </summary>
    public static void FlushDirectory(string directory)
    {
        if (OperatingSystem.IsWindows()) { return; }
        int descriptor = Open(directory, 0 /* O_RDONLY */);
        if (descriptor < 0) { return; }
        try
        {
            if (Fsync(descriptor) != 0)
            {
                throw new IOException($"cannot flush {directory} to disk (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);
}

namespace Desec.Signer.Keys;

/// <summary>
/// Writes a file so that readers see either nothing or all of it: the text goes to a temporary
/// file in the same folder, created with its final permissions and flushed to disk, which is then
/// renamed over the final name (rename is atomic within a file system).
/// </summary>
public static class AtomicFile
{
    public const UnixFileMode PrivateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode PublicMode = PrivateMode | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Writes <paramref name="text"/> to a temporary file beside <paramref name="path"/> and returns its name.</summary>
    public static string WriteTemporary(string path, string text, UnixFileMode mode)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        string temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) { options.UnixCreateMode = mode; }
        try
        {
            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false)))
            {
                writer.Write(text);
                writer.Flush();
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

    public static void Write(string path, string text, UnixFileMode mode)
    {
        string temporary = WriteTemporary(path, text, mode);
        try
        {
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}

using Desec.Signer.Keys;

namespace Desec.Auth.Transfer;

/// <summary>
/// A journal's file: frames (<see cref="JournalCodec"/>) appended at the end and flushed, so that an
/// append writes its own frame and nothing else. Entries dropped from the head stay in the file as a
/// dead prefix until <see cref="Compact"/> copies the live part into a new file and renames it over
/// the old one, which the owner does rarely (when the dead part has grown to a good share of the file).
/// A write that fails half-way is cut off again, so the file always ends at a whole frame; where even
/// that fails (a read-only or full disk), the next write cuts it first.
/// </summary>
internal sealed class JournalFile(string path)
{
    /// <summary>Where the last whole frame ends.</summary>
    public long Length { get; private set; }

    /// <summary>Octets written to the disk since this file was opened (frames and compaction copies), for tests and metrics.</summary>
    public long OctetsWritten { get; private set; }

    public string Path { get; } = path;

    // Octets after Length that a failed write or a torn tail left behind and that could not be cut yet.
    private bool _untidyTail;

    /// <summary>
    /// Reads every whole frame from the start. A torn or corrupt tail (a crash while appending) is
    /// cut off, never served; when the file cannot be written now, it is cut before the next append.
    /// </summary>
    public List<(Journal.Entry Entry, int Size)> Load()
    {
        var entries = new List<(Journal.Entry, int)>();
        if (!File.Exists(Path)) { return entries; }
        var bytes = File.ReadAllBytes(Path);
        int position = 0;
        while (JournalCodec.TryRead(bytes.AsSpan(position)) is { } frame)
        {
            entries.Add((frame.Entry, frame.Length));
            position += frame.Length;
        }
        Length = position;
        if (position != bytes.Length)
        {
            _untidyTail = true;
            try { CutTail(); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* cut before the next append */ }
        }
        return entries;
    }

    /// <summary>Appends one frame and flushes it to disk; on failure the file is as it was before (or cut before the next write).</summary>
    public void Append(ReadOnlySpan<byte> frame)
    {
        if (_untidyTail) { CutTail(); }
        bool created = !File.Exists(Path);
        try
        {
            using var file = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
            file.Position = Length;
            file.Write(frame);
            file.Flush(flushToDisk: true);
        }
        catch
        {
            _untidyTail = true;
            try { CutTail(); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* cut before the next write */ }
            throw;
        }
        Length += frame.Length;
        OctetsWritten += frame.Length;
        // A new file's name must reach the disk too, or a crash could lose the entry it holds.
        if (created) { AtomicFile.FlushDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path)) ?? "."); }
    }

    /// <summary>Empties the file (every entry is dead): no copy needed.</summary>
    public void Clear()
    {
        if (File.Exists(Path))
        {
            using var file = new FileStream(Path, FileMode.Open, FileAccess.Write, FileShare.Read);
            file.SetLength(0);
            Length = 0;
            _untidyTail = false;
            file.Flush(flushToDisk: true);
        }
        Length = 0;
        _untidyTail = false;
    }

    /// <summary>
    /// Drops the first <paramref name="head"/> octets (dead entries): the live part is copied into a
    /// temporary file, flushed and renamed over the journal, so a crash leaves either file whole.
    /// </summary>
    public void Compact(long head)
    {
        if (head <= 0) { return; }
        string temporary = Path + ".tmp";
        long live = Length - head;
        try
        {
            using (var source = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            using (var target = new FileStream(temporary, FileMode.Create, FileAccess.Write))
            {
                source.Position = head;
                var buffer = new byte[Math.Min(live, 1 << 20)];
                for (long left = live; left > 0;)
                {
                    int read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                    if (read == 0) { throw new IOException($"{Path} ended {left} octets early while compacting"); }
                    target.Write(buffer, 0, read);
                    left -= read;
                }
                target.Flush(flushToDisk: true);
            }
            File.Move(temporary, Path, overwrite: true);
        }
        catch
        {
            try { File.Delete(temporary); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            throw;
        }
        // The file is the new one from here on, whatever the folder's flush says.
        Length = live;
        OctetsWritten += live;
        _untidyTail = false;
        AtomicFile.FlushDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path)) ?? ".");
    }

    public void Delete()
    {
        File.Delete(Path);
        File.Delete(Path + ".tmp");
        Length = 0;
        _untidyTail = false;
    }

    private void CutTail()
    {
        if (File.Exists(Path))
        {
            using var file = new FileStream(Path, FileMode.Open, FileAccess.Write, FileShare.Read);
            if (file.Length != Length)
            {
                file.SetLength(Length);
                file.Flush(flushToDisk: true);
            }
        }
        _untidyTail = false;
    }
}

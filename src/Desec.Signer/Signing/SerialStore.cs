using System.Globalization;
using Desec.Signer.Keys;
using Desec.Signer.Storage;
using Desec.Zone.Names;

namespace Desec.Signer.Signing;

/// <summary>
/// The last serial published for each zone, kept in the state folder (<c>serials/</c>) so that every new
/// version gets a higher serial (RFC 1982 arithmetic) across restarts, and never one below the source's.
/// </summary>
/// <remarks>
/// A serial file that exists but cannot be read, or does not hold a serial, is a
/// <see cref="SerialFileException"/>: guessing would restart the serial from the source's, possibly
/// below what secondaries already have, and they would ignore every later version (RFC 1982, RFC 1995 §2).
/// </remarks>
public sealed class SerialStore(string directory)
{
    /// <summary>A serial file is one number of at most 10 digits and a line end; anything much longer is not one.</summary>
    private const int MaxFileLength = 64;

    // One lock per slot of zones rather than one for all: zones are signed in parallel, and each
    // serial write waits for the disk (it is flushed), so one lock would queue them all.
    private readonly Lock[] _locks = [.. Enumerable.Range(0, 64).Select(_ => new Lock())];

    private string Folder => Path.Combine(directory, "serials");

    private string PathOf(DnsName zone) => StateFileName.PathIn(Folder, zone, "serial");

    /// <summary>The last serial published, or null when none was (no file).</summary>
    /// <exception cref="SerialFileException">The file is there but cannot be read or holds no serial.</exception>
    public uint? LastPublished(DnsName zone) => Read(PathOf(zone));

    /// <summary>Chooses and records the serial of a new version.</summary>
    /// <param name="previousSerial">The serial of the version this one follows, when known (e.g. restored from the
    /// state folder): the new serial is above it too, even if the serial file was lost.</param>
    /// <exception cref="SerialFileException">The last serial cannot be known (see <see cref="LastPublished"/>) or not be recorded.</exception>
    public uint Next(DnsName zone, uint sourceSerial, uint? previousSerial = null)
    {
        lock (_locks[(zone.GetHashCode() & int.MaxValue) % _locks.Length])
        {
            string path = PathOf(zone);
            uint? last = Read(path);
            if (previousSerial is { } before && (last is not { } recorded || SerialArithmetic.IsGreater(before, recorded))) { last = before; }
            uint next = last is { } previous && !SerialArithmetic.IsGreater(sourceSerial, previous)
                ? unchecked(previous + 1)
                : sourceSerial;
            try
            {
                StateFolder.Create(Folder);
                AtomicFile.Write(path, next.ToString(CultureInfo.InvariantCulture) + "\n", AtomicFile.PublicMode);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new SerialFileException(path, $"cannot be written: {e.Message}");
            }
            return next;
        }
    }

    private static uint? Read(string path)
    {
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                // A folder (or anything else) where the file should be is not "no serial yet".
                if (Directory.Exists(path)) { throw new SerialFileException(path, "is a folder, not a serial file"); }
                return null;
            }
            if (info.Length > MaxFileLength) { throw new SerialFileException(path, $"has {info.Length} octets; a serial file holds one number"); }
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not SerialFileException)
        {
            throw new SerialFileException(path, $"cannot be read: {e.Message}");
        }
        if (!uint.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out uint value))
        {
            throw new SerialFileException(path, $"holds '{text.Trim()}', not a serial (0 to 4294967295)");
        }
        return value;
    }
}

/// <summary>
/// A zone's serial file cannot be read, holds no serial, or cannot be written: the zone is not published
/// until it is fixed, rather than given a serial that might go backwards.
/// </summary>
public sealed class SerialFileException(string path, string reason)
    : IOException($"serial file {path} {reason}; the zone is not published until it is fixed "
        + "(write the last serial published into it, or remove it to start again from the zone's SOA serial)")
{
    public string Path { get; } = path;
}

/// <summary>RFC 1982 serial number arithmetic for 32-bit serials.</summary>
public static class SerialArithmetic
{
    /// <summary>s1 &gt; s2 per RFC 1982 §3.2 (undefined when they differ by exactly 2^31: false).</summary>
    public static bool IsGreater(uint s1, uint s2) =>
        (s1 < s2 && s2 - s1 > 0x8000_0000u) || (s1 > s2 && s1 - s2 < 0x8000_0000u);
}

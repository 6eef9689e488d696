using System.Globalization;
using Desec.Signer.Keys;
using Desec.Zone.Names;

namespace Desec.Signer.Signing;

/// <summary>
/// The last serial published for each zone, kept in the state folder so that every new version
/// gets a higher serial (RFC 1982 arithmetic) across restarts, and never one below the source's.
/// </summary>
public sealed class SerialStore(string directory)
{
    // One lock per slot of zones rather than one for all: zones are signed in parallel, and each
    // serial write waits for the disk (it is flushed), so one lock would queue them all.
    private readonly Lock[] _locks = [.. Enumerable.Range(0, 64).Select(_ => new Lock())];

    private string PathOf(DnsName zone) => Path.Combine(directory, "serials", zone.ToString().ToLowerInvariant() + "serial");

    public uint? LastPublished(DnsName zone)
    {
        string path = PathOf(zone);
        if (!File.Exists(path)) { return null; }
        return uint.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out uint value)
            ? value : null;
    }

    /// <summary>Chooses and records the serial of a new version.</summary>
    public uint Next(DnsName zone, uint sourceSerial)
    {
        lock (_locks[(zone.GetHashCode() & int.MaxValue) % _locks.Length])
        {
            uint? last = LastPublished(zone);
            uint next = last is { } previous && !SerialArithmetic.IsGreater(sourceSerial, previous)
                ? unchecked(previous + 1)
                : sourceSerial;
            Directory.CreateDirectory(Path.GetDirectoryName(PathOf(zone))!);
            AtomicFile.Write(PathOf(zone), next.ToString(CultureInfo.InvariantCulture) + "\n", AtomicFile.PublicMode);
            return next;
        }
    }
}

/// <summary>RFC 1982 serial number arithmetic for 32-bit serials.</summary>
public static class SerialArithmetic
{
    /// <summary>s1 &gt; s2 per RFC 1982 §3.2 (undefined when they differ by exactly 2^31: false).</summary>
    public static bool IsGreater(uint s1, uint s2) =>
        (s1 < s2 && s2 - s1 > 0x8000_0000u) || (s1 > s2 && s1 - s2 < 0x8000_0000u);
}

using System.Security.Cryptography;
using Desec.Zone.Names;

namespace Desec.Signer.Storage;

/// <summary>
/// The one way a zone name becomes part of a file name in the state folder (serials, signed versions,
/// journals, keys). Zone names come from outside (zone files, database rows) and may hold any octet,
/// so the text must never be a path: no '/', no leading '.', a bounded length, and two different
/// zones never share a file.
/// </summary>
/// <remarks>
/// The text is the zone's presentation form in lower case (RFC 1035 §5.1 escapes, RFC 4343 case
/// folding: names that differ only in letter case are one zone), which is what earlier versions
/// wrote, so state folders of ordinary names keep working. On top of it:
/// <list type="bullet">
/// <item>'/' is written <c>\047</c> (the same octet in RFC 1035 §5.1's decimal form, so the text
/// still reads back as the same name); every other octet that is not printable ASCII is <c>\DDD</c>
/// already, NUL included.</item>
/// <item>the root zone's files are <c>@.serial</c> and so on rather than hidden <c>.serial</c>
/// (presentation form writes '@' in a label as <c>\@</c>, so no other zone's text is <c>@.</c>); its
/// key files keep BIND's <c>K.+alg+tag</c>, where the name does not start the file name.</item>
/// <item>a text longer than <see cref="MaxZoneTextLength"/> is cut at an escape boundary and ends with
/// <c>@</c>, the SHA-256 of the name in hex, and the final dot. An unescaped '@' never occurs in
/// presentation form, so such a text is never an ordinary one, and two long names share it only if
/// their SHA-256 digests are equal.</item>
/// </list>
/// Earlier versions wrote the root zone's files as <c>.serial</c> and names up to 244 characters in
/// full; <see cref="PathIn"/> renames such a file to the name used now the first time it is looked up.
/// </remarks>
public static class StateFileName
{
    /// <summary>
    /// The longest zone text in a file name. File names are at most 255 octets (NAME_MAX), and the
    /// longest one built around the zone text is a key's temporary file:
    /// <c>.K&lt;zone&gt;+013+12345.private.&lt;32 hex&gt;.tmp</c>, 57 characters besides the zone.
    /// </summary>
    public const int MaxZoneTextLength = 255 - 57;

    private const int DigestTextLength = 64;

    /// <summary>The zone as it appears in state file names (always ending with '.'; "." for the root, as in BIND's key file names).</summary>
    public static string ZoneText(DnsName zone)
    {
        string text = zone.ToLower().ToString().Replace("/", "\\047", StringComparison.Ordinal);
        return text.Length <= MaxZoneTextLength ? text : Shortened(zone, text);
    }

    /// <summary>The file name of a zone's state file: the zone text and <paramref name="extension"/> (e.g. <c>example.com.serial</c>).</summary>
    public static string Of(DnsName zone, string extension) => (zone.IsRoot ? "@." : ZoneText(zone)) + extension;

    /// <summary>
    /// The path of the zone's file in <paramref name="folder"/>, checked to lie directly inside it.
    /// A file an earlier version wrote under another name for this zone is renamed to this one first.
    /// </summary>
    /// <exception cref="IOException">The path would leave the folder (never for a name this class made).</exception>
    public static string PathIn(string folder, DnsName zone, string extension)
    {
        string path = Inside(folder, Of(zone, extension));
        string legacy = zone.ToLower().ToString() + extension;
        if (legacy != Path.GetFileName(path) && !legacy.Contains('/') && legacy.Length <= 255 && !File.Exists(path))
        {
            string old = Path.Combine(folder, legacy);
            if (File.Exists(old))
            {
                File.Move(old, path);
            }
        }
        return path;
    }

    /// <summary><paramref name="fileName"/> in <paramref name="folder"/>, checked to lie directly inside it.</summary>
    /// <exception cref="IOException">The name is not a plain file name of that folder.</exception>
    public static string Inside(string folder, string fileName)
    {
        string root = Path.GetFullPath(folder);
        if (fileName.Length == 0 || fileName.Contains('/') || fileName.Contains('\0') || fileName is "." or "..")
        {
            throw new IOException($"'{fileName.Replace("\0", "\\0")}' is not a file name inside {root}");
        }
        string path = Path.GetFullPath(Path.Combine(root, fileName));
        if (!string.Equals(Path.GetDirectoryName(path), Path.TrimEndingDirectorySeparator(root), StringComparison.Ordinal))
        {
            throw new IOException($"'{fileName}' is not a file name inside {root}");
        }
        return path;
    }

    private static string Shortened(DnsName zone, string text)
    {
        int keep = MaxZoneTextLength - DigestTextLength - 2;
        // Never cut inside an escape: back up to the backslash that starts one (\X or \DDD).
        int cut = keep;
        for (int i = 0; i < keep;)
        {
            int width = text[i] != '\\' ? 1 : i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]) ? 4 : 2;
            if (i + width > keep) { cut = i; break; }
            i += width;
        }
        string digest = Convert.ToHexStringLower(SHA256.HashData(zone.ToLower().Wire));
        return string.Concat(text.AsSpan(0, cut), "@", digest, ".");
    }
}

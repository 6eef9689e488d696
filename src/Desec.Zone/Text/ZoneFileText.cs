using System.Text;

namespace Desec.Zone.Text;

/// <summary>Reads a zone file into one string.</summary>
internal static class ZoneFileText
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// The file as text, UTF-8 (a byte-order mark is dropped, as <see cref="File.ReadAllText(string)"/>
    /// does). Decoding the bytes in one go allocates about half of what ReadAllText's growing
    /// buffers do for a large zone. A file that starts with a UTF-16 or UTF-32 mark goes through
    /// ReadAllText, which knows those encodings.
    /// </summary>
    public static string Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var span = bytes.AsSpan();
        if (span.StartsWith(Utf8Bom)) { return Encoding.UTF8.GetString(span[Utf8Bom.Length..]); }
        if (span.Length >= 2 && (span[0], span[1]) is (0xFE, 0xFF) or (0xFF, 0xFE)) { return File.ReadAllText(path); }
        return Encoding.UTF8.GetString(span);
    }
}

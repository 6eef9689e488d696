using System.Text;

namespace Desec.Zone.Text;

/// <summary>Reads a zone file for the lexer.</summary>
internal static class ZoneFileText
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly byte[] Utf16BigEndianBom = [0xFE, 0xFF];
    // Also the start of the UTF-32 little-endian mark.
    private static readonly byte[] Utf16LittleEndianBom = [0xFF, 0xFE];
    private static readonly byte[] Utf32BigEndianBom = [0x00, 0x00, 0xFE, 0xFF];

    /// <summary>
    /// The file as UTF-8 octets and where the text starts in them (after a UTF-8 byte-order mark,
    /// which <see cref="File.ReadAllText(string)"/> would drop as well). The lexer reads these
    /// octets directly: a .NET string of the file would take twice the memory. A file that starts
    /// with a UTF-16 or UTF-32 mark goes through ReadAllText, which knows those encodings.
    /// </summary>
    public static (byte[] Utf8, int Start) Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var span = bytes.AsSpan();
        if (span.StartsWith(Utf8Bom)) { return (bytes, Utf8Bom.Length); }
        if (span.StartsWith(Utf16BigEndianBom) || span.StartsWith(Utf16LittleEndianBom) || span.StartsWith(Utf32BigEndianBom))
        {
            return (Encoding.UTF8.GetBytes(File.ReadAllText(path)), 0);
        }
        return (bytes, 0);
    }
}

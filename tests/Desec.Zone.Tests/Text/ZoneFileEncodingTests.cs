using System.Text;
using Desec.Zone.Names;
using Desec.Zone.Text;

namespace Desec.Zone.Tests.Text;

/// <summary>
/// Zone files are read as UTF-8 octets; a byte-order mark is honoured as File.ReadAllText would
/// (a non-ASCII character in a name stands for its UTF-8 octets, as BIND reads them).
/// </summary>
public class ZoneFileEncodingTests
{
    private const string Zone = "$TTL 60\nbücher A 192.0.2.1\nx TXT \"ü\" ; é\n";

    public static TheoryData<string> Encodings => ["utf-8", "utf-8 with mark", "utf-16le with mark", "utf-16be with mark"];

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Same_records_whatever_the_encoding_and_mark(string encoding)
    {
        byte[] bytes = encoding switch
        {
            "utf-8" => Encoding.UTF8.GetBytes(Zone),
            "utf-8 with mark" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Zone)],
            "utf-16le with mark" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Zone)],
            _ => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Zone)],
        };
        var result = ParseFileOfBytes(bytes);

        Assert.Equal(
        [
            "b\\195\\188cher.example.\t60\tIN\tA\t192.0.2.1",
            "x.example.\t60\tIN\tTXT\t\"\\195\\188\"",
        ], result.Records.Select(r => r.ToString()));
    }

    [Fact]
    public void Octets_that_are_not_utf8_are_kept_as_octets()
    {
        // BIND reads a zone file as octets: 0xFF in a name or string is the octet 255, escaped or
        // not; an escaped non-ASCII character is its UTF-8 octets, as without the backslash.
        byte[] bytes = [.. Encoding.UTF8.GetBytes("$TTL 60\n"), 0xFF, .. " A 192.0.2.1\nx TXT \""u8, 0xC3, 0x28, (byte)'\\', 0xFE,
            .. "\" \\é\\😀 y\xFFz\n"u8];
        var result = ParseFileOfBytes(bytes);

        Assert.Equal(
        [
            "\\255.example.\t60\tIN\tA\t192.0.2.1",
            "x.example.\t60\tIN\tTXT\t\"\\195(\\254\" \"\\195\\169\\240\\159\\152\\128\" \"y\\195\\191z\"",
        ], result.Records.Select(r => r.ToString()));
    }

    /// <summary>Writes the octets to a file named example.zone, parses it with origin example., and expects no error.</summary>
    private static ZoneFileResult ParseFileOfBytes(byte[] bytes)
    {
        using var folder = new TempFolder();
        string path = folder.Write("example.zone", "");
        File.WriteAllBytes(path, bytes);
        var result = ZoneFileParser.ParseFile(path, DnsName.Parse("example."));
        Assert.True(result.Success, string.Join("\n", result.Errors));
        return result;
    }

    [Fact]
    public void Lossless_decoding_round_trips_any_octets()
    {
        byte[] octets = [0x61, 0xFF, 0xC3, 0xA9, 0xC3, 0xED, 0xA0, 0x80, 0xF0, 0x9F, 0x98, 0x80, 0xF0, 0x9F];
        string text = LosslessUtf8.Decode(octets);
        Assert.Equal("a\uDCFFé\uDCC3\uDCED\uDCA0\uDC80😀\uDCF0\uDC9F", text);
        Assert.Equal(octets, LosslessUtf8.Encode(text));
    }
}

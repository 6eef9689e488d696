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
        using var folder = new TempFolder();
        string path = folder.Write("example.zone", "");
        File.WriteAllBytes(path, bytes);

        var result = ZoneFileParser.ParseFile(path, DnsName.Parse("example."));

        Assert.True(result.Success, string.Join("\n", result.Errors));
        Assert.Equal(
        [
            "b\\195\\188cher.example.\t60\tIN\tA\t192.0.2.1",
            "x.example.\t60\tIN\tTXT\t\"\\195\\188\"",
        ], result.Records.Select(r => r.ToString()));
    }
}

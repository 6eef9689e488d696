using Desec.Zone.Names;
using Desec.Zone.Text;
using static Desec.Zone.Tests.Text.ZoneText;

namespace Desec.Zone.Tests.Text;

/// <summary>$ORIGIN and $TTL (RFC 1035 §5.1, RFC 2308 §4), $INCLUDE, and the origin taken from the file name.</summary>
public class DirectiveTests
{
    [Fact]
    public void Origin_directive_absolute_and_relative_to_the_current_origin()
    {
        Assert.Equal(
        [
            "a.example.net.\t60\tIN\tA\t192.0.2.1",
            "b.sub.example.net.\t60\tIN\tMX\t1 mx.sub.example.net.",
            "sub.example.net.\t60\tIN\tA\t192.0.2.2",
        ], Lines("$TTL 60\n$ORIGIN example.net.\na A 192.0.2.1\n$origin sub ; relative\nb MX 1 mx\n@ A 192.0.2.2\n"));
    }

    [Fact]
    public void Ttl_directive_with_units_applies_to_later_records_only()
    {
        Assert.Equal([10u, 3600u, 3600u], Parse("a 10 A 192.0.2.1\n$TTL 1h\nb A 192.0.2.2\nc A 192.0.2.3\n").Records.Select(r => r.Ttl));
    }

    [Fact]
    public void Include_reads_a_file_relative_to_the_including_file_and_restores_origin_and_owner()
    {
        using var folder = new TempFolder();
        folder.Write("sub/a.inc", "  A 192.0.2.2\n$ORIGIN deeper\ninner A 192.0.2.3\n$TTL 77\n");
        folder.Write("sub/b.inc", "bb A 192.0.2.4\n$INCLUDE c.inc\n");
        folder.Write("sub/c.inc", "cc A 192.0.2.5\n");
        string main = folder.Write("example.com.zone",
            "$TTL 300\nwww A 192.0.2.1\n$INCLUDE sub/a.inc ; comment\n  A 192.0.2.6\n$INCLUDE \"sub/b.inc\" other\n  A 192.0.2.7\nrel A 192.0.2.8\n");
        var result = ZoneFileParser.ParseFile(main);
        Assert.True(result.Success, string.Join("\n", result.Errors));
        Assert.Equal("example.com.", result.Origin.ToString());
        Assert.Equal(
        [
            "www.example.com.\t300\tIN\tA\t192.0.2.1",
            "www.example.com.\t300\tIN\tA\t192.0.2.2",   // the included file starts with the current owner (BIND)
            "inner.deeper.example.com.\t300\tIN\tA\t192.0.2.3",
            "www.example.com.\t77\tIN\tA\t192.0.2.6",    // owner and origin restored; $TTL from the include stays
            "bb.other.example.com.\t77\tIN\tA\t192.0.2.4",
            "cc.other.example.com.\t77\tIN\tA\t192.0.2.5", // nested include: relative to sub/, origin inherited
            "www.example.com.\t77\tIN\tA\t192.0.2.7",
            "rel.example.com.\t77\tIN\tA\t192.0.2.8",
        ], result.Records.Select(r => r.ToString()));
        string sub = Path.Combine(Path.GetDirectoryName(main)!, "sub");
        Assert.Equal(Path.Combine(sub, "a.inc") + ":1", result.Records[1].Location);
        Assert.Equal(Path.Combine(sub, "c.inc") + ":1", result.Records[5].Location);
    }

    [Fact]
    public void Include_of_a_missing_file_is_an_error_at_the_file_name_and_parsing_goes_on()
    {
        using var folder = new TempFolder();
        var result = Parse("$TTL 60\n$INCLUDE   nothere.inc\na A 192.0.2.1\n", baseDirectory: folder.Path);
        AssertError(Assert.Single(result.Errors), 2, 12, "cannot read $INCLUDE file 'nothere.inc': file not found");
        Assert.Single(result.Records);
    }

    [Fact]
    public void Include_loop_is_detected()
    {
        using var folder = new TempFolder();
        folder.Write("a.inc", "a A 192.0.2.1\n$INCLUDE b.inc\n");
        folder.Write("b.inc", "b A 192.0.2.2\n$INCLUDE a.inc\n");
        string main = folder.Write("loop.zone", "$TTL 60\n$INCLUDE a.inc\n");
        var result = ZoneFileParser.ParseFile(main);
        var error = Assert.Single(result.Errors);
        Assert.EndsWith("b.inc", error.Location);
        AssertError(error, 2, 10, "include loop: a.inc -> b.inc -> a.inc");
        Assert.Equal(2, result.Records.Count);
    }

    [Fact]
    public void A_file_including_itself_is_a_loop()
    {
        using var folder = new TempFolder();
        string main = folder.Write("self.zone", "$TTL 60\n$INCLUDE self.zone\n");
        AssertError(Assert.Single(ZoneFileParser.ParseFile(main).Errors), 2, 10, "include loop: self.zone -> self.zone");
    }

    [Fact]
    public void Errors_in_an_included_file_name_that_file()
    {
        using var folder = new TempFolder();
        folder.Write("bad.inc", "\nx A 999.0.0.1\n");
        var result = Parse("$TTL 60\n$INCLUDE bad.inc\n", baseDirectory: folder.Path);
        var error = Assert.Single(result.Errors);
        Assert.Equal("bad.inc", error.Location);
        Assert.Equal((2, 5), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("example.com.zone", "example.com.")]
    [InlineData("example.org", "example.org.")]
    [InlineData("EXAMPLE.zone", "EXAMPLE.")]
    public void Origin_defaults_to_the_file_name_without_zone(string fileName, string origin)
    {
        using var folder = new TempFolder();
        string path = folder.Write(fileName, "$TTL 60\n@ A 192.0.2.1\n");
        var result = ZoneFileParser.ParseFile(path);
        Assert.Equal(origin, result.Origin.ToString());
        Assert.Equal(origin, result.Records[0].Owner.ToString());
    }

    [Fact]
    public void Given_origin_wins_over_the_file_name()
    {
        using var folder = new TempFolder();
        string path = folder.Write("whatever.zone", "$TTL 60\n@ A 192.0.2.1\n");
        Assert.Equal("example.com.", ZoneFileParser.ParseFile(path, Example).Records[0].Owner.ToString());
    }

    [Fact]
    public void Missing_zone_file_is_an_error_result()
    {
        using var folder = new TempFolder();
        var result = ZoneFileParser.ParseFile(Path.Combine(folder.Path, "absent.zone"));
        Assert.Contains("cannot read the zone file", Assert.Single(result.Errors).Reason);
    }

    [Fact]
    public void File_name_that_is_no_domain_name_needs_an_explicit_origin()
    {
        using var folder = new TempFolder();
        string path = folder.Write("a..b.zone", "@ 60 A 192.0.2.1\n");
        Assert.Contains("the origin cannot be taken from the file name", Assert.Single(ZoneFileParser.ParseFile(path).Errors).Reason);
        Assert.True(ZoneFileParser.ParseFile(path, DnsName.Parse("a.b.")).Success);
    }

    [Theory]
    [InlineData("$ORIGIN\n", 1, 8, "expected $ORIGIN domain-name, found the end of the entry")]
    [InlineData("$ORIGIN a. b.\n", 1, 12, "unexpected 'b.' after the directive")]
    [InlineData("$ORIGIN a..b.\n", 1, 9, "bad origin 'a..b.': empty label")]
    [InlineData("$TTL 1x\n", 1, 6, "bad TTL '1x'")]
    [InlineData("$TTL 4294967296\n", 1, 6, "bad TTL '4294967296'")]
    [InlineData("$TTL\n", 1, 5, "expected $TTL ttl")]
    [InlineData("$INCLUDE\n", 1, 9, "expected $INCLUDE file-name [origin]")]
    [InlineData("$INCLUDE a b c\n", 1, 14, "unexpected 'c' after the directive")]
    [InlineData("$FOO bar\n", 1, 1, "unknown directive '$FOO'")]
    public void Directive_errors(string text, int line, int column, string reason) =>
        AssertError(SingleError(text), line, column, reason);
}

using Desec.Zone.Records;
using static Desec.Zone.Tests.Rdata.BasicTypesTestHelper;

namespace Desec.Zone.Tests.Rdata;

/// <summary>HINFO (RFC 1035 §3.3.2): two character-strings, printed quoted as BIND does.</summary>
public class HinfoRecordTests
{
    [Fact]
    public void Rfc1035_example_round_trips()
    {
        // RFC 1035 §5.3: "VENERA A ... HINFO" style data; BIND prints both strings quoted.
        var rdata = AssertRoundTrip(RRType.HINFO, "DEC-2060 TOPS20", "\"DEC-2060\" \"TOPS20\"");
        Assert.Equal(Hex("08 4445432d32303630 06 544f50533230"), rdata);
    }

    [Fact]
    public void Quoted_and_escaped_strings_round_trip()
    {
        AssertRoundTrip(RRType.HINFO, "\"Generic PC\" \"Linux \\\"6\\\" \\\\ x\"");
        AssertRoundTrip(RRType.HINFO, "\"\" \"\"");
        AssertRoundTrip(RRType.HINFO, "a\\032b \"\\255\"", "\"a b\" \"\\255\"");
    }

    [Fact]
    public void Wire_round_trips() =>
        AssertWireRoundTrip(RRType.HINFO, Hex("02 5043 05 4c696e7578"), "\"PC\" \"Linux\"");

    [Theory]
    [InlineData("PC", 3)] // os missing
    [InlineData("PC Linux extra", 10)]
    [InlineData("PC \"Linux\" extra", 12)]
    [InlineData("PC \"\\256\"", 4)]
    public void Bad_text_is_refused_at_its_column(string text, int column) => AssertTextError(RRType.HINFO, text, column);

    [Fact]
    public void Character_string_longer_than_255_octets_is_refused()
    {
        AssertTextError(RRType.HINFO, "PC " + new string('x', 256), 4);
        AssertRoundTrip(RRType.HINFO, "\"PC\" \"" + new string('x', 255) + "\"");
    }

    [Fact]
    public void Bad_wire_is_refused()
    {
        AssertWireError(RRType.HINFO, Hex("02 5043"));
        AssertWireError(RRType.HINFO, Hex("02 5043 05 4c696e"));
        AssertWireError(RRType.HINFO, Hex("02 5043 00 00"));
    }

    [Fact]
    public void Generic_form_is_accepted_and_checked()
    {
        Assert.Equal(Parse(RRType.HINFO, "PC Linux"), Parse(RRType.HINFO, "\\# 9 02 5043 05 4c696e7578"));
        AssertTextError(RRType.HINFO, "\\# 3 02 5043", 1);
    }
}

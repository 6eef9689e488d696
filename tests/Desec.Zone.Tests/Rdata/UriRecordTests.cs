using Desec.Zone.Records;
using static Desec.Zone.Tests.Rdata.BasicTypesTestHelper;

namespace Desec.Zone.Tests.Rdata;

/// <summary>URI (RFC 7553 §4): priority, weight, and a quoted target that fills the rest of the RDATA.</summary>
public class UriRecordTests
{
    // RFC 7553 §4.5's examples.
    [Theory]
    [InlineData("10 1 \"ftp://ftp1.example.com/public\"")]
    [InlineData("10 1 \"http://www.example.com/path\"")]
    [InlineData("10 1 \"http://x/\\\"q\\\"\"")]
    [InlineData("65535 65535 \"a b\\\\c\\255\"")]
    [InlineData("1 2 \"\"")] // BIND accepts an empty target too
    public void Round_trips(string text) => AssertRoundTrip(RRType.URI, text);

    [Fact]
    public void Target_is_not_a_character_string()
    {
        // No length octet: the target is the rest of the RDATA (§4.5).
        Assert.Equal(Hex("000A 0001 6674703a2f2f61"), Parse(RRType.URI, "10 1 \"ftp://a\""));
        string longTarget = "http://example.com/" + new string('a', 300);
        var rdata = AssertRoundTrip(RRType.URI, $"0 0 \"{longTarget}\"");
        Assert.Equal(4 + longTarget.Length, rdata.Length);
    }

    [Fact]
    public void Wire_round_trips() =>
        AssertWireRoundTrip(RRType.URI, Hex("0001 0002 c3a9"), "1 2 \"\\195\\169\"");

    [Theory]
    [InlineData("10 1 ftp://a", 6)] // the target must be quoted
    [InlineData("10 1", 5)]
    [InlineData("10", 3)]
    [InlineData("10 1 \"a\" \"b\"", 10)]
    [InlineData("65536 1 \"a\"", 1)]
    [InlineData("10 \"1\" \"a\"", 4)]
    [InlineData("10 1 \"bad \\1\"", 6)]
    public void Bad_text_is_refused_at_its_column(string text, int column) => AssertTextError(RRType.URI, text, column);

    [Fact]
    public void Bad_wire_is_refused()
    {
        AssertWireError(RRType.URI, Hex("0001 00"));
        AssertWireError(RRType.URI, Hex(""));
    }

    [Fact]
    public void Generic_form_is_accepted_and_checked()
    {
        Assert.Equal(Parse(RRType.URI, "1 2 \"a\""), Parse(RRType.URI, "\\# 5 0001 0002 61"));
        AssertTextError(RRType.URI, "\\# 3 0001 00", 1);
    }
}

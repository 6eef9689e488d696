using Desec.Zone.Records;
using static Desec.Zone.Tests.Rdata.BasicTypesTestHelper;

namespace Desec.Zone.Tests.Rdata;

/// <summary>CAA (RFC 8659 §4.1): flags, a bare alphanumeric tag, and a value printed quoted.</summary>
public class CaaRecordTests
{
    // RFC 8659 §4's examples, printed as BIND prints them.
    [Theory]
    [InlineData("0 issue \"ca.example.net\"", "0 issue \"ca.example.net\"")]
    [InlineData("0 issue \"ca.example.net; account=230123\"", "0 issue \"ca.example.net; account=230123\"")]
    [InlineData("0 iodef \"mailto:security@example.com\"", "0 iodef \"mailto:security@example.com\"")]
    [InlineData("0 issue \";\"", "0 issue \";\"")]
    [InlineData("128 tbs \"Unknown\"", "128 tbs \"Unknown\"")]
    [InlineData("0 issue \"\"", "0 issue \"\"")]
    [InlineData("0 issue ca.example.net", "0 issue \"ca.example.net\"")] // an unquoted value, as BIND allows
    [InlineData("0 Issue \"x\"", "0 Issue \"x\"")] // the tag keeps its letter case (BIND's too)
    [InlineData("0 abcdefghijklmnop \"x\"", "0 abcdefghijklmnop \"x\"")] // RFC 8659 sets no 15-octet limit
    [InlineData("0 issue \"a b\\\"c\\\\d\\255\\009\"", "0 issue \"a b\\\"c\\\\d\\255\\009\"")]
    public void Round_trips(string text, string expected) => AssertRoundTrip(RRType.CAA, text, expected);

    [Fact]
    public void Exact_wire_bytes() =>
        Assert.Equal(Hex("00 05 6973737565 63612e6578616d706c652e6e6574"), Parse(RRType.CAA, "0 issue \"ca.example.net\""));

    [Fact]
    public void Value_may_exceed_255_octets()
    {
        string value = new('v', 300);
        Assert.Equal(2 + 5 + 300, AssertRoundTrip(RRType.CAA, $"0 issue \"{value}\"").Length);
    }

    [Fact]
    public void Wire_round_trips() =>
        AssertWireRoundTrip(RRType.CAA, Hex("80 03 746273"), "128 tbs \"\"");

    [Theory]
    [InlineData("256 issue \"x\"", 1)]
    [InlineData("0 \"issue\" \"x\"", 3)] // the tag is bare (BIND refuses a quoted one too)
    [InlineData("0 is-sue \"x\"", 3)]
    [InlineData("0 i\\115sue \"x\"", 3)]
    [InlineData("0 issue", 8)]
    [InlineData("0", 2)]
    [InlineData("0 issue \"\" \"\"", 12)]
    [InlineData("0 issue a b", 11)]
    public void Bad_text_is_refused_at_its_column(string text, int column) => AssertTextError(RRType.CAA, text, column);

    [Fact]
    public void Tag_longer_than_255_octets_is_refused() =>
        AssertTextError(RRType.CAA, "0 " + new string('t', 256) + " \"x\"", 3);

    [Theory]
    [InlineData("00")] // no tag length
    [InlineData("00 00")] // empty tag
    [InlineData("00 05 697373")] // tag runs past the end
    [InlineData("00 02 692d 78")] // '-' in the tag
    [InlineData("")]
    public void Bad_wire_is_refused(string hex) => AssertWireError(RRType.CAA, Hex(hex));

    [Fact]
    public void Generic_form_is_accepted_and_checked()
    {
        Assert.Equal(Parse(RRType.CAA, "0 issue \";\""), Parse(RRType.CAA, "\\# 8 00 05 6973737565 3b"));
        AssertTextError(RRType.CAA, "\\# 3 00 01 2d", 1);
    }
}

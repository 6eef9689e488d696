using Desec.Zone.Records;
using static Desec.Zone.Tests.Rdata.BasicTypesTestHelper;

namespace Desec.Zone.Tests.Rdata;

/// <summary>DNAME (RFC 6672 §2.1): one target name, lower-cased, never compressed.</summary>
public class DnameRecordTests
{
    [Theory]
    [InlineData("frobozz-division.acme.example.", "frobozz-division.acme.example.")]
    [InlineData("Target.Example.", "target.example.")]
    [InlineData("target", "target.example.")]
    [InlineData(".", ".")]
    public void Round_trips(string text, string expected) => AssertRoundTrip(RRType.DNAME, text, expected);

    [Fact]
    public void Exact_wire_bytes() =>
        Assert.Equal(Hex("03 666f6f 07 6578616d706c65 00"), Parse(RRType.DNAME, "FOO.example."));

    // RFC 3597 §4: DNAME is neither an RFC 1035 type nor one of the listed exceptions, so a pointer is an error.
    [Fact]
    public void Compressed_target_in_a_message_is_refused()
    {
        var (message, offset) = Message(RRType.DNAME, Hex("03 666f6f C00C"));
        Assert.Throws<Desec.Zone.Wire.DnsWireException>(() => ReadWire(RRType.DNAME, message, offset, 6));
        var (plain, at) = Message(RRType.DNAME, Hex("03 666f6f 07 6578616d706c65 00"));
        Assert.Equal("foo.example.", Format(RRType.DNAME, ReadWire(RRType.DNAME, plain, at, 13)));
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("a. b.", 4)]
    [InlineData("\"a.\"", 1)]
    public void Bad_text_is_refused_at_its_column(string text, int column) => AssertTextError(RRType.DNAME, text, column);

    [Fact]
    public void Generic_form_is_accepted_and_checked()
    {
        Assert.Equal(Parse(RRType.DNAME, "."), Parse(RRType.DNAME, "\\# 1 00"));
        AssertTextError(RRType.DNAME, "\\# 2 0000", 1);
    }
}

using Desec.Zone.Records;
using static Desec.Zone.Tests.Rdata.BasicTypesTestHelper;

namespace Desec.Zone.Tests.Rdata;

/// <summary>SRV (RFC 2782): priority, weight, port, target.</summary>
public class SrvRecordTests
{
    // RFC 2782's example zone: "_ldap._tcp.example.com. SRV 0 0 389 old-slow-box.example.com." and friends.
    [Theory]
    [InlineData("0 0 389 old-slow-box.example.com.", "0 0 389 old-slow-box.example.com.")]
    [InlineData("1 3 389 new-fast-box.example.com.", "1 3 389 new-fast-box.example.com.")]
    [InlineData("0 0 0 .", "0 0 0 .")] // "service decidedly not available"
    [InlineData("65535 65535 65535 Sip.Example.", "65535 65535 65535 sip.example.")] // lower-cased (RFC 4034 §6.2)
    [InlineData("10 60 5060 bigbox", "10 60 5060 bigbox.example.")]
    public void Round_trips(string text, string expected) => AssertRoundTrip(RRType.SRV, text, expected);

    [Fact]
    public void Exact_wire_bytes() =>
        Assert.Equal(Hex("0001 0003 0185 0c 6e65772d666173742d626f78 07 6578616d706c65 03 636f6d 00"),
            Parse(RRType.SRV, "1 3 389 new-fast-box.example.com."));

    // RFC 2782 forbids compression, but RFC 3597 §4: receivers SHOULD decompress SRV (RFC 2052 required compression).
    [Fact]
    public void Compressed_target_in_a_message_is_decompressed()
    {
        var (message, offset) = Message(RRType.SRV, Hex("0000 0005 13C4 03 534950 C00C"));
        Assert.Equal("0 5 5060 sip.example.", Format(RRType.SRV, ReadWire(RRType.SRV, message, offset, 12)));
    }

    [Theory]
    [InlineData("1 2 3", 6)]
    [InlineData("1 2", 4)]
    [InlineData("1 2 65536 .", 5)]
    [InlineData("-1 2 3 .", 1)]
    [InlineData("1 2 3 . .", 9)]
    [InlineData("1 2 3 \"x.\"", 7)]
    public void Bad_text_is_refused_at_its_column(string text, int column) => AssertTextError(RRType.SRV, text, column);

    [Fact]
    public void Bad_wire_is_refused()
    {
        AssertWireError(RRType.SRV, Hex("0000 0000 0000"));
        AssertWireError(RRType.SRV, Hex("0000 0000 0000 00 00"));
        AssertWireError(RRType.SRV, Hex("0000 0000"));
    }

    [Fact]
    public void Generic_form_is_accepted_and_checked()
    {
        Assert.Equal(Parse(RRType.SRV, "1 2 3 ."), Parse(RRType.SRV, "\\# 7 0001 0002 0003 00"));
        AssertTextError(RRType.SRV, "\\# 6 0001 0002 0003", 1);
    }
}

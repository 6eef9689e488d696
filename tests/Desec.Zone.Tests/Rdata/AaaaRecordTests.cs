using Desec.Zone.Records;
using static Desec.Zone.Tests.Rdata.BasicTypesTestHelper;

namespace Desec.Zone.Tests.Rdata;

/// <summary>A (RFC 1035 §3.4.1) and AAAA (RFC 3596 §2): addresses in text as RFC 4291 §2.2 writes them, printed as BIND does.</summary>
public class AaaaRecordTests
{
    [Fact]
    public void A_round_trips()
    {
        Assert.Equal(Hex("0A 02 00 34"), AssertRoundTrip(RRType.A, "10.2.0.52"));
        AssertRoundTrip(RRType.A, "0.0.0.0");
        AssertRoundTrip(RRType.A, "255.255.255.255");
        AssertWireRoundTrip(RRType.A, Hex("C0000201"), "192.0.2.1");
    }

    [Theory]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.")]
    [InlineData("1.2.3.4.5")]
    [InlineData("01.2.3.4")] // leading zeros read as octal by some software; BIND refuses them too
    [InlineData("1.2.3.256")]
    [InlineData("1..3.4")]
    [InlineData("0x1.2.3.4")]
    [InlineData("::1")]
    [InlineData("\"1.2.3.4\"")]
    public void A_refuses_bad_addresses(string text) => AssertTextError(RRType.A, text, 1);

    [Fact]
    public void A_refuses_missing_extra_and_bad_wire()
    {
        AssertTextError(RRType.A, "", 1);
        AssertTextError(RRType.A, "1.2.3.4 5.6.7.8", 9);
        AssertWireError(RRType.A, Hex("010203"));
        AssertWireError(RRType.A, Hex("0102030405"));
        AssertTextError(RRType.A, "\\# 3 010203", 1);
        Assert.Equal(Hex("01020304"), Parse(RRType.A, "\\# 4 01020304"));
    }

    // RFC 3596 §2.2 wire form and RFC 4291 §2.2 text forms; printing follows RFC 5952 §4 as BIND's does.
    [Theory]
    [InlineData("2001:DB8:0:0:8:800:200C:417A", "2001:db8::8:800:200c:417a")]
    [InlineData("FF01:0:0:0:0:0:0:101", "ff01::101")]
    [InlineData("0:0:0:0:0:0:0:1", "::1")]
    [InlineData("0:0:0:0:0:0:0:0", "::")]
    [InlineData("2001:db8:0:1:0:0:0:1", "2001:db8:0:1::1")] // the longest zero run is shortened
    [InlineData("2001:0:0:1:0:0:0:1", "2001:0:0:1::1")]
    [InlineData("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1")] // the first of two equal runs
    [InlineData("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1")] // a single zero group stays
    [InlineData("1::", "1::")]
    [InlineData("0:0:0:0:0:1:0:0", "::1:0:0")]
    [InlineData("64:ff9b::1.2.3.4", "64:ff9b::102:304")]
    // BIND (inet_ntop) prints the IPv4-compatible and IPv4-mapped forms in dotted quad.
    [InlineData("::13.1.68.3", "::13.1.68.3")]
    [InlineData("0:0:0:0:0:FFFF:129.144.52.38", "::ffff:129.144.52.38")]
    [InlineData("::ffff:0:1", "::ffff:0.0.0.1")]
    [InlineData("::0.1.0.0", "::0.1.0.0")]
    [InlineData("::0.0.0.1", "::1")]
    [InlineData("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0")]
    public void Aaaa_prints_like_bind(string text, string expected) => AssertRoundTrip(RRType.AAAA, text, expected);

    [Fact]
    public void Aaaa_exact_wire_bytes() =>
        Assert.Equal(Hex("20010db8000000000008080020 0c417a"), Parse(RRType.AAAA, "2001:DB8::8:800:200C:417A"));

    [Theory]
    [InlineData("[::1]")]
    [InlineData("::1%eth0")]
    [InlineData("::1/64")]
    [InlineData("1:2:3:4:5:6:7:8:9")]
    [InlineData("1:2:3:4:5:6:7")]
    [InlineData("1::2::3")]
    [InlineData(":::")]
    [InlineData(":1::")]
    [InlineData("1::2:")]
    [InlineData("12345::")]
    [InlineData("g::")]
    [InlineData("::ffff:1.2.3.04")]
    [InlineData("::1.2.3.4:5")]
    [InlineData("1:2:3:4:5:6:7:1.2.3.4")]
    [InlineData("192.0.2.1")]
    [InlineData("")]
    public void Aaaa_refuses_bad_addresses(string text) => AssertTextError(RRType.AAAA, text, 1);

    [Fact]
    public void Aaaa_refuses_extra_and_bad_wire()
    {
        AssertTextError(RRType.AAAA, "::1 ::2", 5);
        AssertWireError(RRType.AAAA, new byte[15]);
        AssertWireError(RRType.AAAA, new byte[17]);
        AssertWireRoundTrip(RRType.AAAA, Hex("20010db8000000000000000000000001"), "2001:db8::1");
        Assert.Equal(Parse(RRType.AAAA, "::1"), Parse(RRType.AAAA, "\\# 16 00000000000000000000000000000001"));
        AssertTextError(RRType.AAAA, "\\# 4 01020304", 1);
    }
}

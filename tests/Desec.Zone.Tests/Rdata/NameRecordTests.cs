using Desec.Zone.Records;
using static Desec.Zone.Tests.Rdata.BasicTypesTestHelper;

namespace Desec.Zone.Tests.Rdata;

/// <summary>NS, CNAME, PTR and MX: the RFC 1035 §3.3 types whose RDATA is (or ends in) one domain name.</summary>
public class NameRecordTests
{
    public static TheoryData<ushort> SingleNameTypes => [RRType.NS, RRType.CNAME, RRType.PTR];

    [Theory]
    [MemberData(nameof(SingleNameTypes))]
    public void Name_round_trips_absolute_and_relative(ushort type)
    {
        AssertRoundTrip(type, "ns1.example.net.");
        AssertRoundTrip(type, "ns1", "ns1.example.");
        AssertRoundTrip(type, "@", "example.");
        AssertRoundTrip(type, ".");
        AssertRoundTrip(type, "a\\.b\\032c.example.");
    }

    [Theory]
    [MemberData(nameof(SingleNameTypes))]
    public void Wire_form_is_the_uncompressed_name(ushort type) =>
        Assert.Equal(Hex("03 6e7331 07 6578616d706c65 00"), Parse(type, "ns1.example."));

    // RFC 4034 §6.2 (with RFC 6840 §5.1) lists NS, CNAME, PTR and MX: their names are lower-cased.
    [Theory]
    [MemberData(nameof(SingleNameTypes))]
    public void Name_is_lower_cased(ushort type)
    {
        Assert.Equal("ns1.example.", Format(type, Parse(type, "NS1.Example.")));
        Assert.Equal(Hex("03 6e7331 07 6578616d706c65 00"), ReadWire(type, Hex("03 4e5331 07 4578616d706c65 00")));
    }

    // RFC 1035 §4.1.4 and RFC 3597 §4: names in RDATA of the RFC 1035 types may be compressed, and receivers decompress them.
    [Theory]
    [MemberData(nameof(SingleNameTypes))]
    public void Compressed_name_in_a_message_is_decompressed(ushort type)
    {
        var (message, offset) = Message(type, Hex("03 4e5331 C00C")); // NS1 + pointer to "example."
        Assert.Equal(Hex("03 6e7331 07 6578616d706c65 00"), ReadWire(type, message, offset, 6));
    }

    [Theory]
    [MemberData(nameof(SingleNameTypes))]
    public void Pointer_to_the_whole_name_is_decompressed(ushort type)
    {
        var (message, offset) = Message(type, Hex("C00C"));
        Assert.Equal("example.", Format(type, ReadWire(type, message, offset, 2)));
    }

    [Theory]
    [MemberData(nameof(SingleNameTypes))]
    public void Bad_text_is_refused_at_its_column(ushort type)
    {
        AssertTextError(type, "", 1);
        AssertTextError(type, "a.example. b.example.", 12);
        AssertTextError(type, "\"quoted.example.\"", 1);
        AssertTextError(type, "a..example.", 1);
        AssertTextError(type, new string('a', 64) + ".example.", 1);
    }

    [Theory]
    [MemberData(nameof(SingleNameTypes))]
    public void Bad_wire_is_refused(ushort type)
    {
        AssertWireError(type, Hex("03 6e7331")); // no root label
        AssertWireError(type, Hex("03 6e7331 00 00")); // an octet left over
        AssertWireError(type, Hex("C000")); // a pointer that does not point backwards
        AssertWireError(type, Hex(""));
    }

    [Theory]
    [MemberData(nameof(SingleNameTypes))]
    public void Generic_form_is_accepted_and_checked(ushort type)
    {
        Assert.Equal(Parse(type, "ns1.example."), Parse(type, "\\# 13 036e7331076578616d706c6500"));
        Assert.Equal(Parse(type, "ns1.example."), Parse(type, "\\# 13 034E5331 074578616D706C65 00"));
        AssertTextError(type, "\\# 4 036e7331", 1); // no root label
        AssertTextError(type, "\\# 6 036e7331C000", 1); // compression has no place in the generic form
    }

    // RFC 1035 §3.3.9 and the example in §5.3 ("MX 10 VENERA").
    [Fact]
    public void Mx_round_trips()
    {
        var rdata = AssertRoundTrip(RRType.MX, "10 VENERA.ISI.EDU.", "10 venera.isi.edu.");
        Assert.Equal(Hex("000A 06 76656e657261 03 697369 03 656475 00"), rdata);
        AssertRoundTrip(RRType.MX, "0 .");
        AssertRoundTrip(RRType.MX, "65535 mail", "65535 mail.example.");
    }

    [Fact]
    public void Mx_compressed_exchange_is_decompressed_and_lower_cased()
    {
        var (message, offset) = Message(RRType.MX, Hex("000A 04 4d41494c C00C"));
        Assert.Equal("10 mail.example.", Format(RRType.MX, ReadWire(RRType.MX, message, offset, 9)));
    }

    [Fact]
    public void Mx_errors_name_the_column()
    {
        AssertTextError(RRType.MX, "mail.example.", 1);
        AssertTextError(RRType.MX, "65536 mail.example.", 1);
        AssertTextError(RRType.MX, "10", 3);
        AssertTextError(RRType.MX, "10 mail.example. extra", 18);
        AssertWireError(RRType.MX, Hex("000A"));
        AssertWireError(RRType.MX, Hex("00"));
        AssertTextError(RRType.MX, "\\# 4 0000 C001", 1); // a pointer back into the preference: the root name
        Assert.Equal(Parse(RRType.MX, "0 ."), Parse(RRType.MX, "\\# 3 0000 00"));
    }
}

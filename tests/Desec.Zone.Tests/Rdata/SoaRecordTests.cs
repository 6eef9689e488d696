using Desec.Zone.Records;
using static Desec.Zone.Tests.Rdata.BasicTypesTestHelper;

namespace Desec.Zone.Tests.Rdata;

/// <summary>SOA (RFC 1035 §3.3.13).</summary>
public class SoaRecordTests
{
    // RFC 1035 §5.3's example zone: "@ IN SOA VENERA Action\.domains ( 20 7200 600 3600000 60)" with origin ISI.EDU.
    [Fact]
    public void Rfc1035_example_round_trips()
    {
        var rdata = Parse(RRType.SOA, "VENERA.ISI.EDU. Action\\.domains.ISI.EDU. ( 20 7200 600 3600000 60 )");
        Assert.Equal("venera.isi.edu. action\\.domains.isi.edu. 20 7200 600 3600000 60", Format(RRType.SOA, rdata));
        Assert.Equal(
            Hex("06 76656e657261 03 697369 03 656475 00"
                + "0e 616374696f6e2e646f6d61696e73 03 697369 03 656475 00"
                + "00000014 00001c20 00000258 0036ee80 0000003c"),
            rdata);
        Assert.Equal(rdata, ReadWire(RRType.SOA, rdata));
    }

    [Fact]
    public void Timers_accept_units_and_print_seconds() =>
        AssertRoundTrip(RRType.SOA, "ns1 hostmaster 2024010101 1h 15m 1w 1d",
            "ns1.example. hostmaster.example. 2024010101 3600 900 604800 86400");

    [Fact]
    public void Serial_takes_the_whole_32_bit_range()
    {
        AssertRoundTrip(RRType.SOA, "ns1.example. h.example. 4294967295 1 2 3 4");
        AssertRoundTrip(RRType.SOA, "ns1.example. h.example. 0 0 0 0 0");
    }

    [Fact]
    public void Both_names_decompress_from_a_message()
    {
        // mname ns1.example. (label + pointer to the question), rname pointer to the question itself.
        var (message, offset) = Message(RRType.SOA, Hex("03 4e5331 C00C C00C 00000001 00000E10 00000384 00093A80 00015180"));
        Assert.Equal("ns1.example. example. 1 3600 900 604800 86400",
            Format(RRType.SOA, ReadWire(RRType.SOA, message, offset, 28)));
    }

    [Theory]
    [InlineData("ns1.example. h.example. 1 2 3 4", 32)] // minimum missing
    [InlineData("ns1.example. h.example. 1 2 3 4 5 6", 35)] // one field too many
    [InlineData("ns1.example. h.example. 4294967296 2 3 4 5", 25)] // serial too large
    [InlineData("ns1.example. h.example. 1h 2 3 4 5", 25)] // the serial is no interval
    [InlineData("ns1.example. h.example. 1 2x 3 4 5", 27)]
    [InlineData("ns1.example. h.example. 1 2 3 -4 5", 31)]
    [InlineData("ns1.example. \"h.example.\" 1 2 3 4 5", 14)]
    [InlineData("ns1.example.", 13)]
    public void Bad_text_is_refused_at_its_column(string text, int column) => AssertTextError(RRType.SOA, text, column);

    [Fact]
    public void Bad_wire_is_refused()
    {
        AssertWireError(RRType.SOA, Hex("00 00 00000001 00000002 00000003 00000004")); // a timer short
        AssertWireError(RRType.SOA, Hex("00 00 00000001 00000002 00000003 00000004 00000005 00")); // one octet more
    }

    [Fact]
    public void Generic_form_is_accepted_and_checked()
    {
        Assert.Equal(Parse(RRType.SOA, ". . 1 2 3 4 5"), Parse(RRType.SOA, "\\# 22 0000 00000001 00000002 00000003 00000004 00000005"));
        AssertTextError(RRType.SOA, "\\# 21 0000 00000001 00000002 00000003 00000004 000000", 1);
        // RFC 3597 §5: the generic form is uncompressed; here rname is a (backwards) pointer to mname.
        var e = AssertTextError(RRType.SOA, "\\# 23 00 C000 00000001 00000002 00000003 00000004 00000005", 1);
        Assert.Contains("compression", e.Reason);
    }
}

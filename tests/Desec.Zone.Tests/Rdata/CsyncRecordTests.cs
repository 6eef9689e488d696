using Desec.Zone.Records;
using static Desec.Zone.Tests.Rdata.DnssecRdataHarness;

namespace Desec.Zone.Tests.Rdata;

/// <summary>CSYNC (RFC 7477 §2).</summary>
public class CsyncRecordTests
{
    // The RFC 7477 example record; window 0 holds A (1), NS (2) and AAAA (28).
    [Fact]
    public void Rfc7477_example_round_trips_with_exact_wire()
    {
        var wire = AssertRoundTrip(RRType.CSYNC, "66 3 A NS AAAA", "66 3 A NS AAAA");
        Assert.Equal(Convert.FromHexString("00000042" + "0003" + "000460000008"), wire);
    }

    [Fact]
    public void Bitmap_may_be_empty() =>
        Assert.Equal(Convert.FromHexString("000000420000"), AssertRoundTrip(RRType.CSYNC, "66 0", "66 0"));

    [Theory]
    [InlineData("66 3 A NS BOGUS")]
    [InlineData("66 65536 A")]
    [InlineData("4294967296 3 A")]
    [InlineData("66")]
    public void Bad_text_is_a_zone_text_error(string text) => AssertTextError(RRType.CSYNC, text);

    [Theory]
    [InlineData("00000042" + "0003" + "000460000000")] // window ends with a zero octet
    [InlineData("00000042" + "0003" + "0004600000")] // window runs past the end
    [InlineData("00000042" + "00")]
    public void Bad_wire_is_a_wire_error(string hex) => AssertWireError(RRType.CSYNC, Convert.FromHexString(hex));
}

using Desec.Zone.Records;
using static Desec.Zone.Tests.Rdata.DnssecRdataHarness;

namespace Desec.Zone.Tests.Rdata;

/// <summary>SSHFP (RFC 4255 §3).</summary>
public class SshfpRecordTests
{
    // RFC 4255 §3.3 "Presentation Format of the SSHFP RR".
    [Fact]
    public void Rfc4255_3_3_example_round_trips_with_exact_wire()
    {
        var wire = AssertRoundTrip(RRType.SSHFP, "2 1 123456789abcdef67890123456789abcdef67890",
            "2 1 123456789ABCDEF67890123456789ABCDEF67890");
        Assert.Equal(Convert.FromHexString("0201123456789abcdef67890123456789abcdef67890"), wire);
    }

    [Fact]
    public void Fingerprint_may_be_split() =>
        AssertRoundTrip(RRType.SSHFP, "4 2 ( 1234 5678 )", "4 2 12345678");

    [Theory]
    [InlineData("2 1")]
    [InlineData("2 1 12345")]
    [InlineData("2 1 zz")]
    [InlineData("2 -1 12")]
    public void Bad_text_is_a_zone_text_error(string text) => AssertTextError(RRType.SSHFP, text);

    [Theory]
    [InlineData("0201")]
    [InlineData("02")]
    public void Short_wire_is_a_wire_error(string hex) => AssertWireError(RRType.SSHFP, Convert.FromHexString(hex));
}

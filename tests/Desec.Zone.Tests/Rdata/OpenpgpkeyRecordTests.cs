using Desec.Zone.Records;
using static Desec.Zone.Tests.Rdata.DnssecRdataHarness;

namespace Desec.Zone.Tests.Rdata;

/// <summary>OPENPGPKEY (RFC 7929 §2).</summary>
public class OpenpgpkeyRecordTests
{
    [Fact]
    public void Key_split_over_lines_round_trips_with_exact_wire()
    {
        var wire = AssertRoundTrip(RRType.OPENPGPKEY, "( mQENBFJR\n aEoBCACn )", "mQENBFJRaEoBCACn");
        Assert.Equal(Convert.FromBase64String("mQENBFJRaEoBCACn"), wire);
    }

    [Theory]
    [InlineData("")]
    [InlineData("mQENBFJ")]
    [InlineData("mQEN*FJR")]
    public void Bad_text_is_a_zone_text_error(string text) => AssertTextError(RRType.OPENPGPKEY, text);

    [Fact]
    public void Empty_wire_is_a_wire_error() => AssertWireError(RRType.OPENPGPKEY, []);
}

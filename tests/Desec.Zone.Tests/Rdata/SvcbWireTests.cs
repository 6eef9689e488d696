using Desec.Zone.Records;
using Desec.Zone.Wire;
using static Desec.Zone.Tests.Rdata.SvcbTestSupport;

namespace Desec.Zone.Tests.Rdata;

/// <summary>Reading SVCB/HTTPS RDATA from messages: the RFC 9460 §2.2 rules are enforced.</summary>
public class SvcbWireTests
{
    [Theory]
    [InlineData("0001 c000", "compression pointer where none is allowed")] // §2.2: TargetName is uncompressed
    [InlineData("0001 03 666f6f", "runs past the end")]
    [InlineData("00", "needs 2 more octets")]
    [InlineData("0001 00 0003 0002 0035 0001 0003 02 6832", "not in increasing order")]
    [InlineData("000100000300021e6100010003026833", "not in increasing order")] // out-of-order vector from Unbound's tests
    [InlineData("0001 00 0003 0002 0035 0003 0002 0035", "port appears more than once")]
    [InlineData("0001 00 0003 00", "SvcParam header runs past the RDATA length")]
    [InlineData("000100000300021e", "port value runs past the RDATA length")]
    [InlineData("0001 00 0003 0001 35", "port needs 2 octets, not 1")]
    [InlineData("0001 00 0001 0000", "alpn lists no protocol ids")]
    [InlineData("0001 00 0001 0001 00", "an alpn id is empty")]
    [InlineData("0001 00 0001 0002 05 68", "an alpn id runs past the value")]
    [InlineData("0001 00 0001 0003 026833 0002 0001 61", "no-default-alpn takes no value")]
    [InlineData("0000 00 0002 0000", "no-default-alpn needs alpn in the same record")]
    [InlineData("0001 00 0004 0005 0102030405", "ipv4hint length 5 is not a multiple of 4")]
    [InlineData("0001 00 0004 0000", "ipv4hint lists no addresses")]
    [InlineData("0001 00 0006 000f 000102030405060708090a0b0c0d0e", "ipv6hint length 15 is not a multiple of 16")]
    [InlineData("0001 00 0000 0002 0001", "mandatory lists alpn, which the record does not have")]
    [InlineData("0001 00 0000 0004 0000 0003 0003 0002 0035", "mandatory must not list itself")]
    [InlineData("0001 00 0000 0004 0004 0001 0001 0003 026833 0004 0004 01020304", "mandatory keys are not in increasing order")]
    [InlineData("0001 00 0000 0004 0003 0003 0003 0002 0035", "mandatory lists port twice")]
    [InlineData("0001 00 0000 0003 000300 0003 0002 0035", "mandatory has an odd number of octets")]
    [InlineData("0001 00 0000 0000", "mandatory lists no keys")]
    [InlineData("0001 00 0007 0004 2f666f6f", "dohpath has no {dns} variable")]
    [InlineData("0001 00 0008 0001 00", "ohttp takes no value")]
    [InlineData("0001 00 ffff 0000", "key65535 is reserved as invalid")]
    public void Malformed_RDATA_is_refused(string hex, string reason)
    {
        foreach (ushort type in new[] { RRType.SVCB, RRType.HTTPS })
        {
            var e = ReadFails(type, hex);
            Assert.Contains(reason, e.Reason);
        }
    }

    [Fact]
    public void The_exception_names_the_offset_of_the_bad_parameter()
    {
        var e = ReadFails(RRType.SVCB, "0001 00 0003 0002 0035 0001 0003 02 6832");
        Assert.Equal(9, e.Offset);
    }

    [Fact]
    public void RDATA_longer_than_the_message_is_refused()
    {
        var bytes = Hex("0001 00");
        Assert.Throws<DnsWireException>(() =>
        {
            var reader = new DnsWireReader(bytes);
            new Desec.Zone.Rdata.Types.SvcbRecord().ReadWire(ref reader, 4, new Desec.Zone.Rdata.RdataBuilder());
        });
    }

    [Fact]
    public void A_TargetName_past_the_RDATA_length_is_refused()
    {
        // The name is complete in the message, but the RDATA length ends inside it.
        var bytes = Hex("0001 03 666f6f 00");
        var e = Assert.Throws<DnsWireException>(() =>
        {
            var reader = new DnsWireReader(bytes);
            new Desec.Zone.Rdata.Types.HttpsRecord().ReadWire(ref reader, 4, new Desec.Zone.Rdata.RdataBuilder());
        });
        Assert.Contains("TargetName runs past the RDATA length", e.Reason);
    }

    [Fact]
    public void Generic_text_form_goes_through_the_same_checks()
    {
        var e = ParseFails(RRType.HTTPS, "\\# 8 000100000300021e");
        Assert.Contains("port value runs past the RDATA length", e.Reason);
    }
}

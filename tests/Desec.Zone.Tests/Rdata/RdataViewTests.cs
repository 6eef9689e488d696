using Desec.Zone.Rdata.Views;
using Desec.Zone.Records;
using static Desec.Zone.Tests.Rdata.BasicTypesTestHelper;

namespace Desec.Zone.Tests.Rdata;

/// <summary>Typed views over canonical RDATA: the fields read where the codecs put them, and malformed RDATA refused.</summary>
public class RdataViewTests
{
    [Fact]
    public void Soa_fields_rfc1035_3_3_13()
    {
        var rdata = Parse(RRType.SOA, "ns1 hostmaster 2024010101 7200 3600 1209600 300");
        Assert.True(SoaView.TryRead(rdata, out var soa));
        Assert.Equal("ns1.example.", Desec.Zone.Names.DnsName.FromWire(soa.PrimaryServer).ToString());
        Assert.Equal("hostmaster.example.", Desec.Zone.Names.DnsName.FromWire(soa.Mailbox).ToString());
        Assert.Equal((2024010101u, 7200u, 3600u, 1209600u, 300u), (soa.Serial, soa.Refresh, soa.Retry, soa.Expire, soa.Minimum));
        Assert.Equal(soa.PrimaryServer.Length + soa.Mailbox.Length, soa.SerialOffset);
    }

    [Fact]
    public void Soa_with_missing_or_extra_octets_is_refused()
    {
        var rdata = Parse(RRType.SOA, "ns1 hostmaster 1 2 3 4 5");
        Assert.False(SoaView.TryRead(rdata[..^1], out _));
        Assert.False(SoaView.TryRead([.. rdata, 0], out _));
        Assert.False(SoaView.TryRead([0xC0, 0x0C, .. rdata[^20..]], out _)); // a compression pointer is no canonical name
        Assert.Throws<ArgumentException>(() => SoaView.Read([]));
    }

    [Fact]
    public void Rrsig_fields_rfc4034_3_3_example()
    {
        var rdata = Parse(RRType.RRSIG, "A 5 3 86400 20030322173103 20030220173103 2642 example.com. "
            + "oJB1W6WNGv+ldvQ3WDG0MQkg5IEhjRip8WTrPYGv07h108dUKGMeDPKijVCHX3DDKdfb+v6oB9wfuh3DTJXUAfI/M0zmO/zz8bW0Rznl8O3tGNazPwQKkRN20XPXV6nwwfoXmJQbsLNrLfkGJ5D6fwFm8nN+6pBzeDQfsS3Ap3o=");
        Assert.True(RrsigView.TryRead(rdata, out var sig));
        Assert.Equal(RRType.A, sig.TypeCovered);
        Assert.Equal(RRType.A, RrsigView.ReadTypeCovered(rdata));
        Assert.Equal((5, 3, 86400u), (sig.Algorithm, sig.Labels, sig.OriginalTtl));
        Assert.Equal((0x3E7C9DD7u, 0x3E5510D7u, (ushort)2642), (sig.Expiration, sig.Inception, sig.KeyTag));
        Assert.Equal("example.com.", Desec.Zone.Names.DnsName.FromWire(sig.SignerName).ToString());
        Assert.Equal(128, sig.Signature.Length);
        Assert.False(RrsigView.TryRead(rdata[..17], out _));
        Assert.False(RrsigView.TryRead(rdata[..20], out _)); // the signer's name cut short
    }

    [Fact]
    public void Rrsig_times_are_read_in_serial_arithmetic_rfc4034_3_1_5()
    {
        long now = 0x1_0000_0000L + 100; // just past the 32-bit wrap in 2106
        Assert.Equal(now + 50, RrsigView.NearestSeconds(150, now));
        Assert.Equal(now - 200, RrsigView.NearestSeconds(unchecked((uint)(now - 200)), now));
    }

    [Theory]
    [InlineData(RRType.NS, "ns.example.net.", "ns.example.net.", 0)]
    [InlineData(RRType.CNAME, "www", "www.example.", 0)]
    [InlineData(RRType.MX, "10 mail", "mail.example.", 2)]
    [InlineData(RRType.SRV, "10 60 5060 sip", "sip.example.", 6)]
    [InlineData(RRType.SVCB, "1 svc port=8443", "svc.example.", 2)]
    public void Target_names_where_each_type_keeps_them(ushort type, string text, string target, int offset)
    {
        var rdata = Parse(type, text);
        Assert.True(TargetNameView.TryRead(type, rdata, out var view));
        Assert.Equal(target, Desec.Zone.Names.DnsName.FromWire(view.Name).ToString());
        Assert.Equal(offset, view.Offset);
        Assert.Equal(offset, TargetNameView.OffsetOf(type));
    }

    [Fact]
    public void Types_without_a_target_and_short_rdata_are_refused()
    {
        Assert.Equal(-1, TargetNameView.OffsetOf(RRType.A));
        Assert.False(TargetNameView.TryRead(RRType.A, [192, 0, 2, 1], out _));
        Assert.False(TargetNameView.TryRead(RRType.MX, [0, 10], out _));
        Assert.False(TargetNameView.TryRead(RRType.MX, [0, 10, 4, (byte)'m', (byte)'a'], out _));
    }
}

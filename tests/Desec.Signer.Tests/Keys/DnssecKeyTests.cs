using Desec.Signer.Algorithms;
using Desec.Signer.Keys;
using Desec.Signer.Tests.Support;
using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Signer.Tests.Keys;

/// <summary>A zone's key: its records (DNSKEY, CDNSKEY, DS, CDS), roles and generation rules.</summary>
public class DnssecKeyTests
{
    [Fact]
    public void Records_derived_from_a_key()
    {
        var key = TestKeys.For(DnssecAlgorithm.EcdsaP256Sha256);
        var dnskey = key.ToDnskey(3600);
        Assert.Equal((RRType.DNSKEY, 3600u), (dnskey.Type, dnskey.Ttl));
        Assert.Equal(key.Zone, dnskey.Owner);
        Assert.Equal(key.DnskeyRdata.ToArray(), dnskey.Rdata);
        Assert.Equal(257, DnskeyRdata.Flags(dnskey.Rdata));
        Assert.Equal(3, dnskey.Rdata[2]);
        Assert.Equal(13, DnskeyRdata.Algorithm(dnskey.Rdata));
        Assert.Equal(key.KeyTag, KeyTag.Compute(dnskey.Rdata));

        // RFC 7344 §3: CDNSKEY has the DNSKEY's RDATA, CDS the DS's.
        var cdnskey = key.ToCdnskey(300);
        Assert.Equal((RRType.CDNSKEY, 300u), (cdnskey.Type, cdnskey.Ttl));
        Assert.Equal(dnskey.Rdata, cdnskey.Rdata);
        var ds = key.ToDs(86400);
        var cds = key.ToCds(300, DsRecord.Sha384);
        Assert.Equal(RRType.DS, ds.Type);
        Assert.Equal(RRType.CDS, cds.Type);
        Assert.Equal(DsRecord.Compute(key.Zone, key.DnskeyRdata, DsRecord.Sha256), ds.Rdata);
        Assert.Equal(DsRecord.Compute(key.Zone, key.DnskeyRdata, DsRecord.Sha384), cds.Rdata);
        Assert.Equal($"{key.KeyTag} 13 2 ", ds.ToString().Split('\t')[4][..($"{key.KeyTag} 13 2 ".Length)]);
    }

    [Fact]
    public void Generated_keys_get_roles_from_their_flags()
    {
        var zone = DnsName.Parse("Example.ORG.");
        var csk = KeyGenerator.Generate(zone, DnssecAlgorithm.Ed25519);
        Assert.Equal((KeyRole.Csk, (ushort)257, true, true, true), (csk.Role, csk.Flags, csk.IsSecureEntryPoint, csk.SignsKeys, csk.SignsZone));
        Assert.Equal("example.org.", csk.Zone.ToString());
        var zsk = KeyGenerator.Generate(zone, DnssecAlgorithm.Ed25519, DnskeyRdata.ZskFlags);
        Assert.Equal((KeyRole.Zsk, (ushort)256, false, false, true), (zsk.Role, zsk.Flags, zsk.IsSecureEntryPoint, zsk.SignsKeys, zsk.SignsZone));
        var ksk = KeyGenerator.Generate(zone, DnssecAlgorithm.Ed25519, role: KeyRole.Ksk);
        Assert.Equal((true, false), (ksk.SignsKeys, ksk.SignsZone));
    }

    [Fact]
    public void Generation_avoids_tags_in_use()
    {
        var zone = DnsName.Parse("example.org.");
        // Fifteen tags in sixteen are taken: the generator keeps trying until it hits a free one.
        var taken = Enumerable.Range(0, 65536).Select(i => (ushort)i).Where(t => t % 16 != 7).ToHashSet();
        var key = KeyGenerator.Generate(zone, DnssecAlgorithm.Ed25519, tagsInUse: taken);
        Assert.DoesNotContain(key.KeyTag, taken);
    }

    [Fact]
    public void Times_are_whole_seconds()
    {
        var now = new DateTimeOffset(2026, 3, 4, 5, 6, 7, 890, TimeSpan.FromHours(2));
        var key = KeyGenerator.Generate(DnsName.Parse("example.org."), DnssecAlgorithm.Ed25519, now: now);
        var expected = new DateTimeOffset(2026, 3, 4, 3, 6, 7, TimeSpan.Zero);
        Assert.Equal(new KeyTimes(expected, expected, expected), key.Times);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(385)]
    public void Other_flags_are_refused(int flags)
    {
        Assert.Throws<ArgumentException>(() => KeyGenerator.Generate(DnsName.Parse("example.org."), DnssecAlgorithm.Ed25519, (ushort)flags));
    }

    [Fact]
    public void A_key_without_the_zone_key_flag_cannot_be_a_zone_key()
    {
        var signingKey = TestKeys.For(DnssecAlgorithm.Ed25519).SigningKey;
        Assert.Throws<DnssecKeyException>(() => new DnssecKey(DnsName.Parse("example.org."), 1, signingKey, KeyRole.Csk, KeyTimes.At(DateTimeOffset.UnixEpoch)));
    }

    [Theory]
    [InlineData("13", 13)]
    [InlineData("ecdsap256sha256", 13)]
    [InlineData("ECDSAP384SHA384", 14)]
    [InlineData("8", 8)]
    [InlineData("RSASHA256", 8)]
    [InlineData("ED25519", 15)]
    [InlineData("ed448", 16)]
    public void Algorithms_by_number_or_mnemonic(string text, byte number)
    {
        Assert.True(DnssecAlgorithm.TryParse(text, out var algorithm));
        Assert.Equal(number, algorithm.Number);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("RSASHA1")]
    [InlineData("")]
    [InlineData("256")]
    public void Algorithms_not_implemented_do_not_parse(string text)
    {
        Assert.False(DnssecAlgorithm.TryParse(text, out _));
    }

    [Fact]
    public void Default_algorithm_is_13()
    {
        Assert.Equal(13, DnssecAlgorithm.Default.Number);
        Assert.Equal("13 (ECDSAP256SHA256)", DnssecAlgorithm.Default.ToString());
    }
}

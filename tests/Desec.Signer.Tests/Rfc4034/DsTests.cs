using Desec.Signer.Keys;
using Desec.Signer.Tests.Support;
using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Signer.Tests.Rfc4034;

/// <summary>RFC 4034 §5.1.4: DS digest = hash(canonical owner | DNSKEY RDATA); vectors from RFC 4034, 6605 and 8080.</summary>
public class DsTests
{
    public static TheoryData<string, string> Examples => new()
    {
        { "rfc4034-keytag-ds.txt", "rfc4034-5.4" },     // SHA-1
        { "rfc6605-examples.txt", "rfc6605-6.1" },      // SHA-256
        { "rfc6605-examples.txt", "rfc6605-6.2" },      // SHA-384
        { "rfc8080-examples.txt", "rfc8080-6.1 Ed25519 #1" },
        { "rfc8080-examples.txt", "rfc8080-6.1 Ed25519 #2" },
        { "rfc8080-examples.txt", "rfc8080-6.2 Ed448 #1" },
        { "rfc8080-examples.txt", "rfc8080-6.2 Ed448 #2" },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void DS_of_the_RFC_examples(string file, string section)
    {
        var vectors = VectorFile.Section(file, section);
        var dnskey = vectors.Record(RRType.DNSKEY);
        var ds = vectors.Record(RRType.DS);
        byte digestType = ds.Rdata[3];
        Assert.Equal(ds.Rdata, DsRecord.Compute(dnskey.Owner, dnskey.Rdata, digestType));
    }

    [Fact]
    public void Owner_case_does_not_change_the_digest()
    {
        // §6.2: the owner goes in canonical form, lower case.
        var dnskey = VectorFile.Section("rfc4034-keytag-ds.txt", "rfc4034-5.4").Record(RRType.DNSKEY);
        var upper = DnsName.Parse("DSKEY.Example.COM.");
        Assert.Equal(DsRecord.Compute(dnskey.Owner, dnskey.Rdata, DsRecord.Sha256), DsRecord.Compute(upper, dnskey.Rdata, DsRecord.Sha256));
    }

    [Theory]
    [InlineData(DsRecord.Sha1, 20)]
    [InlineData(DsRecord.Sha256, 32)]
    [InlineData(DsRecord.Sha384, 48)]
    public void Digest_lengths(byte digestType, int length)
    {
        var dnskey = VectorFile.Section("rfc4034-keytag-ds.txt", "rfc4034-5.4").Record(RRType.DNSKEY);
        var ds = DsRecord.Compute(dnskey.Owner, dnskey.Rdata, digestType);
        Assert.Equal(4 + length, ds.Length);
        Assert.Equal(length, DsRecord.DigestLength(digestType));
        Assert.Equal([0xEC, 0x45, 5, digestType], ds[..4]); // key tag 60485, algorithm 5
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(5)]
    public void Other_digest_types_are_refused(byte digestType)
    {
        var dnskey = VectorFile.Section("rfc4034-keytag-ds.txt", "rfc4034-5.4").Record(RRType.DNSKEY);
        Assert.Throws<ArgumentException>(() => DsRecord.Compute(dnskey.Owner, dnskey.Rdata, digestType));
        Assert.Null(DsRecord.DigestLength(digestType));
    }
}

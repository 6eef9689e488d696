using Desec.Signer.Algorithms;
using Desec.Signer.Keys;
using Desec.Signer.Tests.Support;
using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Signer.Tests.Interop;

/// <summary>
/// Keys cross between BIND and us both ways: we read what <c>dnssec-keygen</c> writes, sign with
/// it, and compute the DS that <c>dnssec-dsfromkey</c> computes; BIND and ldns read what we write
/// (<c>dnssec-dsfromkey</c>, <c>ldns-key2ds</c>; <c>dnssec-signzone</c> and <c>ldns-signzone</c> sign
/// with our private files), and <c>dnssec-verify</c> and <c>ldns-verify-zone</c> accept our signatures.
/// </summary>
public class BindInteropTests
{
    private static readonly DnsName Zone = DnsName.Parse("example.net.");

    /// <summary>
    /// The SOA RRSIG of a signed zone: BIND's signature must verify with our verifier; then it is
    /// replaced by ours, and <c>dnssec-verify</c> must accept the zone.
    /// </summary>
    private static void CrossCheckSignatures(string directory, DnsName zone, DnssecKey key)
    {
        string signedPath = BindTools.SignZone(directory, zone);
        var records = BindTools.ReadZone(signedPath, zone);
        var soa = records.Single(r => r.Type == RRType.SOA);
        var soaRrsig = records.Single(r => r.Type == RRType.RRSIG && r.Rdata[0] == 0 && r.Rdata[1] == RRType.SOA);
        var prefix = SigningInput.RrsigPrefix(soaRrsig.Rdata);
        var input = SigningInput.Build(prefix, [soa]);
        var dnskey = records.Single(r => r.Type == RRType.DNSKEY);
        Assert.Equal(key.DnskeyRdata.ToArray(), dnskey.Rdata);
        Assert.True(VerifyingKey.FromDnskeyRdata(dnskey.Rdata).Verify(input, SigningInput.Signature(soaRrsig.Rdata)),
            "BIND's SOA signature does not verify with our verifier");

        var ours = soaRrsig with { Rdata = [.. prefix, .. key.SigningKey.Sign(input)] };
        string replacedPath = Path.Combine(directory, "ours.zone");
        BindTools.WriteZone(replacedPath, records.Select(r => ReferenceEquals(r, soaRrsig) ? ours : r));
        var verified = BindTools.Verify(replacedPath, zone);
        Assert.True(verified.ExitCode == 0, $"dnssec-verify refused our signature: {verified.Error}");
        var ldnsVerified = BindTools.LdnsVerify(replacedPath);
        Assert.True(ldnsVerified.ExitCode == 0, $"ldns-verify-zone refused our signature: {ldnsVerified.Error}{ldnsVerified.Output}");
    }

    /// <summary>ldns-signzone reads our .private file; its SOA signature verifies with our verifier and with ldns-verify-zone.</summary>
    private static void SignWithLdns(string directory, DnssecKey key)
    {
        string signedPath = BindTools.LdnsSignZone(directory, key.Zone, key.FileBaseName);
        var verified = BindTools.LdnsVerify(signedPath);
        Assert.True(verified.ExitCode == 0, $"ldns-verify-zone refused the zone ldns signed with our key: {verified.Error}{verified.Output}");
        var records = BindTools.ReadZone(signedPath, key.Zone);
        var soaRrsig = records.Single(r => r.Type == RRType.RRSIG && r.Rdata[0] == 0 && r.Rdata[1] == RRType.SOA);
        var input = SigningInput.Build(SigningInput.RrsigPrefix(soaRrsig.Rdata), [records.Single(r => r.Type == RRType.SOA)]);
        Assert.True(key.SigningKey.Verify(input, SigningInput.Signature(soaRrsig.Rdata)), "ldns's SOA signature does not verify with our key");
    }

    [Theory]
    [MemberData(nameof(TestKeys.AlgorithmNumbers), MemberType = typeof(TestKeys))]
    public void Keys_made_by_dnssec_keygen_are_read_and_sign(byte number)
    {
        using var folder = new TempDirectory();
        string baseName = BindTools.Keygen(folder.Path, number, "example.net");
        var key = Assert.Single(new KeyStore(folder.Path).Load(Zone));
        Assert.Equal(baseName, key.FileBaseName);
        Assert.Equal(number, key.Algorithm.Number);
        Assert.Equal(KeyRole.Csk, key.Role);
        Assert.Equal(257, key.Flags);
        var (_, bindRdata) = BindPublicKeyFile.Parse(File.ReadAllText(folder.File(baseName + ".key")), baseName);
        Assert.Equal(bindRdata, key.DnskeyRdata.ToArray());

        byte[] data = "data signed with a key from dnssec-keygen"u8.ToArray();
        Assert.True(VerifyingKey.FromDnskeyRdata(bindRdata).Verify(data, key.SigningKey.Sign(data)));

        Assert.Equal(BindTools.DsFromKey(folder.File(baseName + ".key")), key.DsRdata(DsRecord.Sha256));
        Assert.Equal(BindTools.DsFromKey(folder.File(baseName + ".key"), "SHA-384"), key.DsRdata(DsRecord.Sha384));

        CrossCheckSignatures(folder.Path, Zone, key);
    }

    [Theory]
    [MemberData(nameof(TestKeys.AlgorithmNumbers), MemberType = typeof(TestKeys))]
    public void Keys_we_write_are_read_by_BIND_and_ldns(byte number)
    {
        using var folder = new TempDirectory();
        var key = TestKeys.For(TestKeys.Algorithm(number));
        new KeyStore(folder.Path).Save(key);
        string keyFile = folder.File(key.FileBaseName + ".key");

        Assert.Equal(key.DsRdata(DsRecord.Sha256), BindTools.DsFromKey(keyFile));
        Assert.Equal(key.DsRdata(DsRecord.Sha384), BindTools.DsFromKey(keyFile, "SHA-384"));
        Assert.Equal(key.DsRdata(DsRecord.Sha256), BindTools.Key2Ds(keyFile));

        // dnssec-signzone -S reads our .private file (and its timing fields) to sign, and so does ldns-signzone.
        CrossCheckSignatures(folder.Path, key.Zone, key);
        SignWithLdns(folder.Path, key);
    }

    [Fact]
    public void A_bad_signature_is_refused_by_dnssec_verify_and_ldns_verify_zone()
    {
        // The control for the checks above: dnssec-verify does look at the signatures.
        using var folder = new TempDirectory();
        var key = TestKeys.For(DnssecAlgorithm.Ed25519);
        new KeyStore(folder.Path).Save(key);
        var records = BindTools.ReadZone(BindTools.SignZone(folder.Path, key.Zone), key.Zone);
        var soaRrsig = records.Single(r => r.Type == RRType.RRSIG && r.Rdata[1] == RRType.SOA);
        var broken = soaRrsig with { Rdata = [.. soaRrsig.Rdata[..^1], (byte)(soaRrsig.Rdata[^1] ^ 1)] };
        string path = folder.File("broken.zone");
        BindTools.WriteZone(path, records.Select(r => ReferenceEquals(r, soaRrsig) ? broken : r));
        Assert.NotEqual(0, BindTools.Verify(path, key.Zone).ExitCode);
        Assert.NotEqual(0, BindTools.LdnsVerify(path).ExitCode);
    }
}

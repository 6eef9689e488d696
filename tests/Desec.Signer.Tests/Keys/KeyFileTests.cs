using Desec.Signer.Algorithms;
using Desec.Signer.Keys;
using Desec.Signer.Tests.Support;
using Desec.Zone.Names;

namespace Desec.Signer.Tests.Keys;

/// <summary>BIND's .key and .private formats: what we write reads back to the same key, byte for byte.</summary>
public class KeyFileTests
{
    [Theory]
    [MemberData(nameof(TestKeys.AlgorithmNumbers), MemberType = typeof(TestKeys))]
    public void Key_files_round_trip(byte number)
    {
        var key = TestKeys.For(TestKeys.Algorithm(number));
        string publicText = BindPublicKeyFile.Format(key);
        string privateText = BindPrivateKeyFile.Format(key);

        var (owner, rdata) = BindPublicKeyFile.Parse(publicText, "test.key");
        Assert.Equal(key.Zone, owner);
        Assert.Equal(key.DnskeyRdata.ToArray(), rdata);

        var (signingKey, times) = BindPrivateKeyFile.Parse(privateText, "test.private", DateTimeOffset.UnixEpoch);
        using (signingKey)
        {
            Assert.Equal(key.SigningKey.PublicKey.ToArray(), signingKey.PublicKey.ToArray());
            Assert.Equal(key.Times, times);
            byte[] data = [1, 2, 3];
            Assert.True(key.SigningKey.Verify(data, signingKey.Sign(data)));
            // Written again, the private file is the same text.
            Assert.Equal(privateText, BindPrivateKeyFile.Format(new DnssecKey(key.Zone, key.Flags, signingKey, key.Role, times)));
        }
    }

    [Fact]
    public void Public_file_looks_like_BINDs()
    {
        var key = TestKeys.For(DnssecAlgorithm.EcdsaP256Sha256);
        var lines = BindPublicKeyFile.Format(key).Split('\n');
        Assert.Equal($"; This is a key-signing key, keyid {key.KeyTag}, for example.com.", lines[0]);
        Assert.Equal("; Created: 20260102030405 (Fri Jan  2 03:04:05 2026)", lines[1]);
        Assert.Equal("; Publish: 20260102030405 (Fri Jan  2 03:04:05 2026)", lines[2]);
        Assert.Equal("; Activate: 20260102030405 (Fri Jan  2 03:04:05 2026)", lines[3]);
        Assert.Equal($"example.com. IN DNSKEY 257 3 13 {Convert.ToBase64String(key.SigningKey.PublicKey.Span)}", lines[4]);
        Assert.Equal("", lines[5]);
    }

    [Fact]
    public void Private_file_looks_like_BINDs()
    {
        var key = TestKeys.For(DnssecAlgorithm.Ed25519);
        var lines = BindPrivateKeyFile.Format(key).Split('\n');
        Assert.Equal("Private-key-format: v1.3", lines[0]);
        Assert.Equal("Algorithm: 15 (ED25519)", lines[1]);
        Assert.StartsWith("PrivateKey: ", lines[2]);
        Assert.Equal(32, Convert.FromBase64String(lines[2]["PrivateKey: ".Length..]).Length);
        Assert.Equal(["Created: 20260102030405", "Publish: 20260102030405", "Activate: 20260102030405", ""], lines[3..]);
    }

    [Fact]
    public void RSA_private_file_has_BINDs_eight_fields()
    {
        var text = BindPrivateKeyFile.Format(TestKeys.For(DnssecAlgorithm.RsaSha256));
        var fields = text.Split('\n').Where(l => l.Contains(':')).Select(l => l[..l.IndexOf(':')]).ToArray();
        Assert.Equal(
            ["Private-key-format", "Algorithm", "Modulus", "PublicExponent", "PrivateExponent", "Prime1", "Prime2",
             "Exponent1", "Exponent2", "Coefficient", "Created", "Publish", "Activate"],
            fields);
        Assert.Contains("PublicExponent: AQAB\n", text);
    }

    [Fact]
    public void Public_file_reader_takes_TTL_class_split_base64_and_comments()
    {
        var key = TestKeys.For(DnssecAlgorithm.Ed448);
        string base64 = Convert.ToBase64String(key.SigningKey.PublicKey.Span);
        string text = $"; comment\n\nEXAMPLE.com. 3600 IN DNSKEY 257 3 16 {base64[..20]} {base64[20..]} ; tail\n";
        var (owner, rdata) = BindPublicKeyFile.Parse(text, "k.key");
        Assert.Equal(DnsName.Parse("example.com."), owner);
        Assert.Equal(key.DnskeyRdata.ToArray(), rdata);
        Assert.Equal(key.DnskeyRdata.ToArray(), BindPublicKeyFile.Parse($"example.com. IN 60 DNSKEY ( 257 3 16\n {base64} )", "k.key").Rdata);
    }

    [Theory]
    [InlineData("", "holds no DNSKEY")]
    [InlineData("; only a comment\n", "holds no DNSKEY")]
    [InlineData("example.com. IN DS 1 13 2 00", "expected 'owner [TTL] [IN] DNSKEY")]
    [InlineData("example.com. IN DNSKEY 257 3 13", "line 1")]
    [InlineData("example.com. IN DNSKEY 257 3 13 !!!", "line 1")]
    [InlineData("example..com. IN DNSKEY 257 3 13 AAAA", "bad owner name")]
    [InlineData("example.com. IN DNSKEY 257 3 13 AAAA\nexample.com. IN DNSKEY 257 3 13 AAAA", "more than one record")]
    [InlineData("example.com. IN DNSKEY 257 3 13 \"AAAA", "line 1")]
    public void Public_file_errors_name_the_file(string text, string expected)
    {
        var e = Assert.Throws<KeyFileException>(() => BindPublicKeyFile.Parse(text, "Kx.+013+00001.key"));
        Assert.Equal("Kx.+013+00001.key", e.Path);
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("Kx.+013+00001.key: ", e.Message);
    }

    [Theory]
    [InlineData("Algorithm: 13 (ECDSAP256SHA256)\nPrivateKey: AAAA\n", "Private-key-format")]
    [InlineData("Private-key-format: v2.0\nAlgorithm: 13\n", "not v1.x")]
    [InlineData("Private-key-format: v1.3\nPrivateKey: AAAA\n", "'Algorithm:'")]
    [InlineData("Private-key-format: v1.3\nAlgorithm: ECDSA\n", "does not start with a number")]
    [InlineData("Private-key-format: v1.3\nAlgorithm: 5 (RSASHA1)\n", "RSASHA1) is not implemented")]
    [InlineData("Private-key-format: v1.3\nAlgorithm: 13 (ECDSAP256SHA256)\n", "no 'PrivateKey:' line")]
    [InlineData("Private-key-format: v1.3\nAlgorithm: 13 (ECDSAP256SHA256)\nPrivateKey: #x\n", "not valid base64")]
    [InlineData("Private-key-format: v1.3\nAlgorithm: 15 (ED25519)\nPrivateKey: AAAA\n", "has 32 octets")]
    [InlineData("Private-key-format: v1.3\nAlgorithm: 8 (RSASHA256)\nModulus: AAAA\n", "no 'PublicExponent:' line")]
    [InlineData("Private-key-format: v1.3\nAlgorithm: 13\nAlgorithm: 13\n", "appears twice")]
    [InlineData("Private-key-format: v1.3\nAlgorithm 13\n", "line 2: expected 'Field: value'")]
    [InlineData("Private-key-format: v1.3\nAlgorithm: 13\nEngine: pkcs11\nLabel: x\n", "hardware module")]
    [InlineData("Private-key-format: v1.3\nAlgorithm: 15\nPrivateKey: EEtrO+nTgIfBkl7HdGpFaXwaZd+bQQTQnpqAo0jlzrQ=\nCreated: yesterday\n", "YYYYMMDDHHMMSS")]
    public void Private_file_errors_name_the_file(string text, string expected)
    {
        var e = Assert.Throws<KeyFileException>(() => BindPrivateKeyFile.Parse(text, "K.private", DateTimeOffset.UnixEpoch));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("K.private: ", e.Message);
    }

    [Fact]
    public void Older_private_formats_without_times_are_read()
    {
        string text = "Private-key-format: v1.2\nAlgorithm: 15 (ED25519)\nPrivateKey: EEtrO+nTgIfBkl7HdGpFaXwaZd+bQQTQnpqAo0jlzrQ=\n";
        var fallback = new DateTimeOffset(2020, 5, 6, 7, 8, 9, TimeSpan.Zero);
        var (key, times) = BindPrivateKeyFile.Parse(text, "K.private", fallback);
        using (key)
        {
            Assert.Equal(new KeyTimes(fallback), times);
            // The key dnssec-keygen made in the example of this suite's notes: 4NnbKC0J...
            Assert.Equal("4NnbKC0JHlN4Z/W1jQT7u4ZopxZ3qwQZIqExNPch2hc=", Convert.ToBase64String(key.PublicKey.Span));
        }
    }

    [Theory]
    [InlineData("example.com.", 13, 25841, "Kexample.com.+013+25841")]
    [InlineData(".", 8, 7, "K.+008+00007")]
    [InlineData("Ex/ample.", 15, 65535, "Kex\\047ample.+015+65535")]
    public void File_names_are_BINDs(string zone, byte algorithm, int tag, string expected)
    {
        Assert.Equal(expected, BindKeyFileName.Of(DnsName.Parse(zone), algorithm, (ushort)tag));
        Assert.True(BindKeyFileName.TryParse(expected, out string zoneText, out byte parsedAlgorithm, out ushort parsedTag));
        Assert.Equal(BindKeyFileName.ZoneText(DnsName.Parse(zone)), zoneText);
        Assert.Equal(algorithm, parsedAlgorithm);
        Assert.Equal((ushort)tag, parsedTag);
    }

    [Theory]
    [InlineData("Kexample.com+013+25841")]
    [InlineData("Kexample.com.+13+25841")]
    [InlineData("Kexample.com.+013+2584x")]
    [InlineData("example.com.+013+25841")]
    [InlineData("K+013+25841")]
    public void Other_names_are_not_key_files(string name)
    {
        Assert.False(BindKeyFileName.TryParse(name, out _, out _, out _));
    }
}

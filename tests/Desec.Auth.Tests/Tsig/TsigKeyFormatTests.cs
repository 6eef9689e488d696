using Desec.Auth.Config;
using Desec.Auth.Tsig;
using Desec.Zone.Tsig;
using Desec.Zone.Names;

namespace Desec.Auth.Tests.Tsig;

/// <summary>Key definitions as operators paste them (RFC 8945 §3 leaves the format to implementations): BIND, Knot, our JSON.</summary>
public sealed class TsigKeyFormatTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tsig-keys-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string> Algorithms => new("hmac-sha1", "hmac-sha256", "hmac-sha384", "hmac-sha512");

    /// <summary>
    /// BIND's key statement as its tools write it (rndc-confgen -a writes what tsig-keygen prints);
    /// dig reads the same file with -k, and the server verifies dig's request with the parsed key.
    /// </summary>
    [Theory, MemberData(nameof(Algorithms))]
    public void Bind_key_file_parses_and_dig_signs_with_the_same_file(string algorithm)
    {
        string file = Path.Combine(_folder, "xfr.key");
        var (code, output) = DnsTools.Run("rndc-confgen", "-a", "-c", file, "-A", algorithm, "-k", "xfr.example");
        Assert.True(code == 0, output);
        var keys = TsigKeyText.Parse(File.ReadAllText(file));
        var key = Assert.Single(keys);
        Assert.Equal(DnsName.Parse("xfr.example."), key.Name);
        Assert.Equal(algorithm, key.Algorithm.Mnemonic);

        using var server = new TsigTestServer(new TsigKeyring(keys));
        var (_, digOutput) = DnsTools.Run("dig", "-k", file, "@127.0.0.1", "-p", server.UdpPort.ToString(), "www.example.", "A",
            "+tries=1", "+time=5");
        Assert.Equal([TsigResult.Ok], server.Results);
        Assert.Contains(";; TSIG PSEUDOSECTION:", digOutput);
        Assert.DoesNotContain("failure", digOutput);
    }

    /// <summary>Knot's keymgr -t output: a YAML key section, and a comment with algorithm:name:secret that kdig -y takes.</summary>
    [Theory, MemberData(nameof(Algorithms))]
    public void Knot_keymgr_output_parses_and_kdig_signs_with_the_same_key(string algorithm)
    {
        var (code, output) = DnsTools.Run("keymgr", "-t", "xfr.example", algorithm);
        Assert.True(code == 0, output);
        var key = Assert.Single(TsigKeyText.Parse(output));
        Assert.Equal(DnsName.Parse("xfr.example."), key.Name);
        Assert.Equal(algorithm, key.Algorithm.Mnemonic);
        string comment = output.Split('\n')[0].TrimStart('#', ' ').Trim();
        Assert.Equal(comment, DnsTools.KeyArgument(key));

        using var server = new TsigTestServer(new TsigKeyring([key]));
        var (_, kdigOutput) = DnsTools.Run("kdig", "-y", comment, "@127.0.0.1", "-p", server.UdpPort.ToString(), "www.example.", "A",
            "+retry=0", "+time=5");
        Assert.Equal([TsigResult.Ok], server.Results);
        Assert.Contains(";; TSIG PSEUDOSECTION:", kdigOutput);
    }

    [Fact]
    public void Bind_text_with_comments_and_several_keys()
    {
        const string text = """
            // transfer keys
            key "a.example" { algorithm hmac-sha256; secret "c2VjcmV0MQ=="; };
            /* the old peer */
            key b.example. {
                algorithm "hmac-sha1";   # legacy
                secret "c2VjcmV0Mg==";
            };
            """;
        var keys = TsigKeyText.Parse(text);
        Assert.Equal(["a.example.", "b.example."], keys.Select(k => k.Name.ToString()));
        Assert.Equal(TsigAlgorithm.HmacSha1, keys[1].Algorithm);
        Assert.Equal("secret2"u8.ToArray(), keys[1].Secret);
    }

    [Fact]
    public void Knot_text_with_several_keys()
    {
        const string text = """
            key:
              - id: a.example
                algorithm: hmac-sha512
                secret: c2VjcmV0MQ==
              - id: b.example.
                secret: c2VjcmV0Mg==
            """;
        var keys = TsigKeyText.Parse(text);
        Assert.Equal(["a.example.", "b.example."], keys.Select(k => k.Name.ToString()));
        Assert.Equal(TsigAlgorithm.HmacSha512, keys[0].Algorithm);
        Assert.Equal(TsigAlgorithm.HmacSha256, keys[1].Algorithm);
    }

    [Theory]
    [InlineData("""key "k.example" { algorithm hmac-md5; secret "c2VjcmV0"; };""", "k.example", "unknown algorithm 'hmac-md5'")]
    [InlineData("""key "k.example" { algorithm hmac-sha256; secret "not base64!"; };""", "k.example", "not base64")]
    [InlineData("""key "k.example" { algorithm hmac-sha256; };""", "k.example", "no secret")]
    [InlineData("""key "k.example" { algorithm hmac-sha256; secret "c2VjcmV0"; """, "k.example", "ends early")]
    [InlineData("key:\n  - id: k.example\n    algorithm: hmac-sha999\n    secret: c2VjcmV0\n", "k.example", "unknown algorithm")]
    [InlineData("key:\n  - id: k.example\n    algorithm: hmac-sha256\n    secret: c2VjcmV0\n    colour: red\n", "k.example", "unknown field 'colour'")]
    public void Bad_key_text_names_the_key_and_the_fault(string text, string keyName, string fault)
    {
        var e = Assert.Throws<TsigKeyException>(() => TsigKeyText.Parse(text));
        Assert.Contains(keyName, e.Message);
        Assert.Contains(fault, e.Message);
    }

    private ServerConfig Load(string json)
    {
        string file = Path.Combine(_folder, "config.json");
        File.WriteAllText(file, json);
        return ServerConfig.Load(file);
    }

    [Fact]
    public void Config_tsig_keys_build_a_keyring()
    {
        var config = Load("""
            { "tsig-keys": [
                { "name": "xfr.example.", "algorithm": "hmac-sha384", "secret": "c2VjcmV0MQ==" },
                { "name": "notify.example", "secret": "c2VjcmV0Mg==" } ] }
            """);
        config.Validate();
        var keyring = config.TsigKeyring();
        Assert.Equal(2, keyring.Count);
        Assert.Equal(TsigAlgorithm.HmacSha384, keyring.Find(DnsName.Parse("XFR.example."))!.Algorithm);
        Assert.Equal(TsigAlgorithm.HmacSha256, keyring.Find(DnsName.Parse("notify.example."))!.Algorithm);
        Assert.Null(keyring.Find(DnsName.Parse("other.example.")));
    }

    [Theory]
    [InlineData("""{ "name": "k.example", "secret": "%%%" }""", "'k.example': the secret is not base64")]
    [InlineData("""{ "name": "k.example", "algorithm": "hmac-md5", "secret": "c2VjcmV0" }""", "'k.example': unknown algorithm 'hmac-md5'")]
    [InlineData("""{ "name": "k.example", "secret": "c2VjcmV0" }, { "name": "K.Example.", "secret": "c2VjcmV0" }""", "'K.Example.' is defined twice")]
    [InlineData("""{ "secret": "c2VjcmV0" }""", "without a name")]
    [InlineData("""{ "name": "k.example" }""", "'k.example': no secret")]
    public void Config_bad_tsig_key_stops_start_up_naming_it(string keys, string message)
    {
        var config = Load($$"""{ "tsig-keys": [ {{keys}} ] }""");
        var e = Assert.Throws<ConfigException>(() => config.Validate());
        Assert.StartsWith("tsig-keys: ", e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Config_unknown_field_in_a_key_is_refused()
    {
        var e = Assert.Throws<ConfigException>(() => Load("""{ "tsig-keys": [ { "name": "k.example", "secret": "c2VjcmV0", "colour": "red" } ] }"""));
        Assert.Contains("colour", e.Message);
    }
}

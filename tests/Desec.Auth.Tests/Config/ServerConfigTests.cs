using System.Text.RegularExpressions;
using Desec.Auth.Config;
using Desec.Signer.Signing;
using Desec.Zone.Names;

namespace Desec.Auth.Tests.Config;

/// <summary>The config file: the README's examples load, unknown keys and bad values stop start-up naming them.</summary>
public sealed class ServerConfigTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"config-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_file);

    private ServerConfig Load(string json)
    {
        File.WriteAllText(_file, json);
        var config = ServerConfig.Load(_file);
        config.Validate();
        return config;
    }

    private static string Readme()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string path = Path.Combine(dir.FullName, "README.md");
            if (File.Exists(path) && File.Exists(Path.Combine(dir.FullName, "Desec.Auth.sln"))) { return File.ReadAllText(path); }
        }
        throw new FileNotFoundException("README.md");
    }

    [Fact]
    public void Every_json_example_in_the_readme_loads()
    {
        var blocks = Regex.Matches(Readme(), "```json\n(.*?)```", RegexOptions.Singleline);
        Assert.NotEmpty(blocks);
        foreach (Match block in blocks) { Load(block.Groups[1].Value); }
    }

    [Fact]
    public void Zone_policy_overrides_the_global_one()
    {
        var config = Load("""{ "signing": { "denial": "nsec" }, "zone-signing": { "a.example": { "denial": "nsec3", "nsec3-parameters": "1 1 0 -" } } }""");
        Assert.Equal(DenialMode.Nsec, config.PolicyFor(DnsName.Parse("b.example.")).Denial);
        var a = config.PolicyFor(DnsName.Parse("A.Example."));
        Assert.Equal(DenialMode.Nsec3, a.Denial);
        Assert.True(a.Nsec3.OptOut);
    }

    [Theory]
    [InlineData("""{ "listen-addresses": [] }""", "listen-addresses")]
    [InlineData("""{ "signing": { "algorithm": "RSAMD5" } }""", "signing.algorithm")]
    [InlineData("""{ "signing": { "denial": "nsec5" } }""", "signing.denial")]
    [InlineData("""{ "signing": { "signature-validity-days": 0 } }""", "signing.signature-validity-days")]
    [InlineData("""{ "signing": { "cds-digest-types": [7] } }""", "signing.cds-digest-types")]
    [InlineData("""{ "signing": { "sign-everything": true } }""", "sign-everything")]
    [InlineData("""{ "zone-signing": { "bad..name": {} } }""", "bad..name")]
    [InlineData("""{ "listen": ["127.0.0.1"] }""", "127.0.0.1")]
    [InlineData("""{ "max-udp-payload": 100 }""", "max-udp-payload")]
    [InlineData("""{ "cookie-secret": "0011" }""", "cookie-secret")]
    [InlineData("""{ "cookie-secret": "zz0102030405060708090a0b0c0d0e0f" }""", "cookie-secret")]
    // NSEC3 caps (RFC 9276 §3.1, RFC 5155 §3.1.5), for every zone and per zone.
    [InlineData("""{ "signing": { "nsec3-parameters": "1 0 101 -" } }""", "signing.nsec3-parameters: 101 NSEC3 iterations")]
    [InlineData("""{ "zone-signing": { "a.example.": { "nsec3-parameters": "1 0 65535 -" } } }""", "zone-signing.a.example..nsec3-parameters: 65535 NSEC3 iterations")]
    [InlineData("""{ "zone-signing": { "a.example.": { "nsec3-parameters": "2 0 0 -" } } }""", "zone-signing.a.example..nsec3-parameters: NSEC3 hash algorithm 2")]
    [InlineData("""{ "signing": { "nsec3-parameters": "1 0 0 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00" } }""", "at most 255 octets")]
    [InlineData("""{ "state": "" }""", "state")]
    [InlineData("""{ "signing": null }""", "signing")]
    [InlineData("""{ "zone-signing": { "a.example.": null } }""", "zone-signing.a.example.")]
    [InlineData("""{ "tcp-idle-timeout": 0 }""", "tcp-idle-timeout")]
    [InlineData("""{ "tcp-io-timeout": -1 }""", "tcp-io-timeout")]
    [InlineData("""{ "tcp-transfer-progress-timeout": -5 }""", "tcp-transfer-progress-timeout")]
    [InlineData("""{ "tcp-max-clients": 0 }""", "tcp-max-clients")]
    [InlineData("""{ "tcp-max-connections": -3 }""", "tcp-max-connections")]
    [InlineData("""{ "tcp-max-clients": 10, "tcp-max-connections": 20 }""", "tcp-max-connections")]
    [InlineData("""{ "tcp-max-clients-per-address": -1 }""", "tcp-max-clients-per-address")]
    [InlineData("""{ "tcp-io-timeout": "500ms" }""", "tcp-io-timeout")]
    public void Bad_settings_stop_start_up_naming_them(string json, string named)
    {
        var e = Assert.Throws<ConfigException>(() => Load(json));
        Assert.Contains(named, e.Message);
    }

    [Fact]
    public void NSEC3_iterations_above_0_are_taken_with_advice_naming_the_key()
    {
        var config = Load("""{ "signing": { "nsec3-parameters": "1 0 10 -" }, "zone-signing": { "a.example.": { "nsec3-parameters": "1 0 0 ab" } } }""");
        var advice = config.Advice().ToList();
        Assert.Equal(2, advice.Count);
        Assert.StartsWith("signing.nsec3-parameters: ", advice[0]);
        Assert.StartsWith("zone-signing.a.example..nsec3-parameters: ", advice[1]);
        Assert.Equal(10, config.PolicyFor(DnsName.Parse("b.example.")).Nsec3.Iterations);
    }

    [Fact]
    public void Tcp_keys_take_knot_s_units_and_defaults_and_tcp_max_connections_is_an_alias()
    {
        var defaults = Load("{}").TcpOptions(fileDescriptorLimit: 20_000);
        Assert.Equal(TimeSpan.FromSeconds(10), defaults.IdleTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(500), defaults.IoTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), defaults.TransferProgressTimeout);
        Assert.Equal(10_000, defaults.MaxClients); // Knot: half the file descriptor limit
        Assert.Equal(0, defaults.MaxClientsPerAddress);

        var set = Load("""{ "tcp-idle-timeout": 3, "tcp-io-timeout": 200, "tcp-transfer-progress-timeout": 0, "tcp-max-clients": 50, "tcp-max-clients-per-address": 5 }""")
            .TcpOptions(fileDescriptorLimit: 20_000);
        Assert.Equal(TimeSpan.FromSeconds(3), set.IdleTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(200), set.IoTimeout);
        Assert.Equal(TimeSpan.Zero, set.TransferProgressTimeout);
        Assert.Equal(50, set.MaxClients);
        Assert.Equal(5, set.MaxClientsPerAddress);

        Assert.Equal(7, Load("""{ "tcp-max-connections": 7 }""").TcpOptions(20_000).MaxClients);
        Assert.Equal(7, Load("""{ "tcp-max-connections": 7, "tcp-max-clients": 7 }""").TcpOptions(20_000).MaxClients);
        Assert.Equal(1024, Load("{}").TcpOptions(fileDescriptorLimit: null).MaxClients);
    }
}

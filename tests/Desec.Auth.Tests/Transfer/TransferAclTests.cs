using System.Net;
using Desec.Auth.Config;
using Desec.Auth.Transfer;
using Desec.Zone.Names;

namespace Desec.Auth.Tests.Transfer;

/// <summary>allow-transfer entries: prefixes (RFC 4632 §3.1, RFC 4291 §2.3), key names, both; default deny.</summary>
public sealed class TransferAclTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"config-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_file);

    private static TransferAcl Acl(params string[] entries) => ZoneTransferConfig.ParseAcl(entries, "allow-transfer");

    private static IPEndPoint At(string address) => new(IPAddress.Parse(address), 4711);

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1", true)]
    [InlineData("127.0.0.1", "127.0.0.2", false)]
    [InlineData("127.0.0.0/8", "127.255.1.2", true)]
    [InlineData("127.0.0.0/8", "128.0.0.1", false)]
    [InlineData("10.1.2.3/8", "10.200.0.1", true)]
    [InlineData("0.0.0.0/0", "192.0.2.1", true)]
    [InlineData("192.0.2.0/25", "192.0.2.127", true)]
    [InlineData("192.0.2.0/25", "192.0.2.128", false)]
    [InlineData("::1", "::1", true)]
    [InlineData("::1/128", "::2", false)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    [InlineData("127.0.0.0/8", "::ffff:127.0.0.1", true)]
    [InlineData("127.0.0.0/8", "::1", false)]
    [InlineData("::/0", "127.0.0.1", false)]
    public void Prefix_matches_addresses_of_its_family(string entry, string address, bool allowed) =>
        Assert.Equal(allowed, Acl(entry).Allows(At(address), null));

    [Fact]
    public void Empty_list_denies_everyone() =>
        Assert.False(TransferAcl.DenyAll.Allows(At("127.0.0.1"), "any."));

    [Fact]
    public void Unknown_peer_address_matches_no_prefix() =>
        Assert.False(Acl("0.0.0.0/0", "::/0").Allows(null, null));

    [Theory]
    [InlineData("key:xfr.example", "xfr.example.", true)]
    [InlineData("key:XFR.Example.", "xfr.example", true)]
    [InlineData("key:xfr.example", "other.example.", false)]
    [InlineData("key:xfr.example", null, false)]
    public void Key_entry_needs_the_verified_key(string entry, string? verifiedKey, bool allowed) =>
        Assert.Equal(allowed, Acl(entry).Allows(At("192.0.2.1"), verifiedKey));

    [Fact]
    public void Prefix_and_key_in_one_entry_need_both()
    {
        var acl = Acl("10.0.0.0/8 key:xfr.example");
        Assert.True(acl.Allows(At("10.0.0.1"), "xfr.example."));
        Assert.False(acl.Allows(At("10.0.0.1"), null));
        Assert.False(acl.Allows(At("192.0.2.1"), "xfr.example."));
    }

    [Fact]
    public void Any_matching_entry_allows()
    {
        var acl = Acl("192.0.2.1", "key:xfr.example");
        Assert.True(acl.Allows(At("192.0.2.1"), null));
        Assert.True(acl.Allows(At("198.51.100.1"), "xfr.example."));
        Assert.False(acl.Allows(At("198.51.100.1"), null));
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("::1/129")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0.0/")]
    [InlineData("localhost")]
    [InlineData("key:")]
    [InlineData("")]
    [InlineData("10.0.0.1 10.0.0.2")]
    [InlineData("key:a key:b")]
    [InlineData("fe80::1%eth0")]
    public void Bad_entry_stops_start_up_naming_it(string entry)
    {
        File.WriteAllText(_file, $$"""{ "allow-transfer": ["127.0.0.1", "{{entry}}"] }""");
        var error = Assert.Throws<ConfigException>(() => ServerConfig.Load(_file).Validate());
        Assert.Contains("allow-transfer", error.Message);
        Assert.Contains($"'{entry}'", error.Message);
    }

    [Fact]
    public void Bad_entry_in_a_zone_names_the_zone()
    {
        File.WriteAllText(_file, """{ "zone-transfer": { "example.com.": { "allow-transfer": ["10.0.0.0/99"] } } }""");
        var error = Assert.Throws<ConfigException>(() => ServerConfig.Load(_file).Validate());
        Assert.Contains("zone-transfer.example.com..allow-transfer", error.Message);
        Assert.Contains("10.0.0.0/99", error.Message);
    }

    [Fact]
    public void Unknown_key_in_zone_transfer_stops_start_up()
    {
        File.WriteAllText(_file, """{ "zone-transfer": { "example.com.": { "allow-transfers": ["127.0.0.1"] } } }""");
        var error = Assert.Throws<ConfigException>(() => ServerConfig.Load(_file));
        Assert.Contains("allow-transfers", error.Message);
    }

    [Fact]
    public void Zone_list_replaces_the_global_list()
    {
        File.WriteAllText(_file, """
            {
              "allow-transfer": ["127.0.0.1"],
              "zone-transfer": { "example.com": { "allow-transfer": ["192.0.2.0/24"] }, "example.org.": { } }
            }
            """);
        var config = ServerConfig.Load(_file);
        config.Validate();
        var com = config.TransferAclFor(DnsName.Parse("example.com."));
        Assert.True(com.Allows(At("192.0.2.9"), null));
        Assert.False(com.Allows(At("127.0.0.1"), null));
        var org = config.TransferAclFor(DnsName.Parse("example.org."));
        Assert.True(org.Allows(At("127.0.0.1"), null));
        Assert.False(config.TransferAclFor(DnsName.Parse("example.net.")).Allows(At("192.0.2.9"), null));
    }

    [Fact]
    public void Default_config_denies_transfers() =>
        Assert.Empty(new ServerConfig().TransferAclFor(DnsName.Parse("example.com.")).Entries);
}

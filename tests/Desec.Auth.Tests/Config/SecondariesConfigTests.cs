using System.Net;
using Desec.Auth.Config;
using Desec.Zone.Names;

namespace Desec.Auth.Tests.Config;

/// <summary>
/// <c>secondaries</c> (global and per zone): NOTIFY targets with their TSIG keys, transfer rights
/// that follow from them, journal bounds, and bad entries that stop start-up naming them.
/// </summary>
public sealed class SecondariesConfigTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"secondaries-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_file);

    private const string Keys = """
        "tsig-keys": [ { "name": "xfr-key", "algorithm": "hmac-sha256", "secret": "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTAxMjM=" },
                       { "name": "other-key.", "secret": "b3RoZXItb3RoZXItb3RoZXItb3RoZXItMDEyMzQ1Njc=" } ]
        """;

    private ServerConfig Load(string json)
    {
        File.WriteAllText(_file, json);
        var config = ServerConfig.Load(_file);
        config.Validate();
        return config;
    }

    private static readonly DnsName Com = DnsName.Parse("example.com.");
    private static readonly DnsName Org = DnsName.Parse("example.org.");

    [Fact]
    public void Objects_and_strings_give_notify_targets_with_their_keys()
    {
        var config = Load($$"""
            { {{Keys}},
              "secondaries": [ { "address": "127.0.0.1:5301", "tsig-key": "xfr-key" }, "127.0.0.2:5302", "[::1]:5303 key:other-key" ] }
            """);
        var keyring = config.TsigKeyring();
        var targets = config.NotifyTargetsFor(Com, keyring);
        Assert.Equal(3, targets.Count);
        Assert.Equal(IPEndPoint.Parse("127.0.0.1:5301"), targets[0].EndPoint);
        Assert.Equal(DnsName.Parse("xfr-key."), targets[0].Key!.Name);
        Assert.Equal(IPEndPoint.Parse("127.0.0.2:5302"), targets[1].EndPoint);
        Assert.Null(targets[1].Key);
        Assert.Equal(IPEndPoint.Parse("[::1]:5303"), targets[2].EndPoint);
        Assert.Equal(DnsName.Parse("other-key."), targets[2].Key!.Name);
    }

    [Fact]
    public void Zone_secondaries_replace_the_global_list_and_notify_entries_are_added_once()
    {
        var config = Load($$"""
            { {{Keys}},
              "notify": ["127.0.0.9:53", "127.0.0.1:5301"],
              "secondaries": [ { "address": "127.0.0.1:5301", "tsig-key": "xfr-key" } ],
              "zone-transfer": { "example.org": { "secondaries": [ "127.0.0.3:53" ] } } }
            """);
        var keyring = config.TsigKeyring();
        var com = config.NotifyTargetsFor(Com, keyring);
        // The same address in notify and secondaries is notified once, signed.
        Assert.Equal(["127.0.0.1:5301 key", "127.0.0.9:53"], com.Select(t => $"{t.EndPoint}{(t.Key is null ? "" : " key")}"));
        var org = config.NotifyTargetsFor(Org, keyring);
        Assert.Equal(["127.0.0.3:53", "127.0.0.9:53", "127.0.0.1:5301"], org.Select(t => t.EndPoint.ToString()));
    }

    [Fact]
    public void A_secondary_with_a_key_may_transfer_with_that_key_from_anywhere_one_without_from_its_address()
    {
        var config = Load($$"""
            { {{Keys}},
              "allow-transfer": ["192.0.2.0/24"],
              "secondaries": [ { "address": "198.51.100.7:53", "tsig-key": "xfr-key" }, "203.0.113.9:5300" ] }
            """);
        var acl = config.TransferAclFor(Com);
        var anywhere = IPEndPoint.Parse("10.1.2.3:4000");
        Assert.True(acl.Allows(anywhere, "xfr-key."));
        Assert.False(acl.Allows(anywhere, "other-key."));
        Assert.False(acl.Allows(anywhere, null));
        Assert.False(acl.Allows(IPEndPoint.Parse("198.51.100.7:4000"), null)); // keyed secondaries need their key
        Assert.True(acl.Allows(IPEndPoint.Parse("203.0.113.9:4000"), null));
        Assert.True(acl.Allows(IPEndPoint.Parse("[::ffff:203.0.113.9]:4000"), null));
        Assert.True(acl.Allows(IPEndPoint.Parse("192.0.2.4:4000"), null)); // allow-transfer keeps working
    }

    [Fact]
    public void An_empty_zone_allow_transfer_still_admits_the_zone_secondaries()
    {
        var config = Load($$"""
            { {{Keys}}, "allow-transfer": ["127.0.0.1"],
              "zone-transfer": { "example.org.": { "allow-transfer": [], "secondaries": [ { "address": "127.0.0.5:53", "tsig-key": "xfr-key" } ] } } }
            """);
        var acl = config.TransferAclFor(Org);
        Assert.False(acl.Allows(IPEndPoint.Parse("127.0.0.1:4000"), null));
        Assert.True(acl.Allows(IPEndPoint.Parse("127.0.0.1:4000"), "xfr-key."));
        Assert.True(config.TransferAclFor(Com).Allows(IPEndPoint.Parse("127.0.0.1:4000"), null)); // other zones keep the global list
    }

    [Fact]
    public void Journal_bounds_in_knot_spelling_global_and_per_zone()
    {
        var config = Load("""
            { "journal-max-usage": "10M", "journal-max-depth": 20, "journal-max-age": "14d",
              "zone-transfer": { "example.org.": { "journal-max-usage": "512K" } } }
            """);
        var com = config.JournalLimitsFor(Com);
        Assert.Equal(10L << 20, com.MaxBytes);
        Assert.Equal(20, com.MaxEntries);
        Assert.Equal(TimeSpan.FromDays(14), com.MaxAge);
        var org = config.JournalLimitsFor(Org);
        Assert.Equal(512L << 10, org.MaxBytes);
        Assert.Equal(20, org.MaxEntries);
        var defaults = Load("{}").JournalLimitsFor(Com);
        Assert.Equal(100, defaults.MaxEntries);
        Assert.Equal(100L << 20, defaults.MaxBytes);
        Assert.Null(defaults.MaxAge);
    }

    [Theory]
    [InlineData("""{ "secondaries": [ "127.0.0.1" ] }""", "secondaries address '127.0.0.1'")]
    [InlineData("""{ "secondaries": [ "ns2.example:53" ] }""", "ns2.example:53")]
    [InlineData("""{ "secondaries": [ { "tsig-key": "xfr-key" } ] }""", "secondaries: a secondary has no address")]
    [InlineData("""{ "secondaries": [ { "address": "127.0.0.1:53", "tsig-key": "nokey" } ] }""", "TSIG key 'nokey' is not defined in tsig-keys")]
    [InlineData("""{ "zone-transfer": { "example.com": { "secondaries": [ "127.0.0.1:53 key:missing." ] } } }""", "zone-transfer.example.com.secondaries")]
    [InlineData("""{ "zone-transfer": { "example.com": { "secondaries": [ "127.0.0.1:53 key:missing." ] } } }""", "'missing.'")]
    [InlineData("""{ "secondaries": [ { "address": "127.0.0.1:53", "key": "xfr-key" } ] }""", "unknown key 'key'")]
    [InlineData("""{ "secondaries": [ "127.0.0.1:53 xfr-key" ] }""", "key:NAME")]
    [InlineData("""{ "secondaries": [ 53 ] }""", "secondar")]
    [InlineData("""{ "allow-transfer": [ "key:unknown-key" ] }""", "unknown-key")]
    [InlineData("""{ "zone-transfer": { "example.com": { "allow-transfer": [ "key:unknown-key" ] } } }""", "zone-transfer.example.com.allow-transfer")]
    [InlineData("""{ "journal-max-usage": "lots" }""", "journal-max-usage")]
    [InlineData("""{ "journal-max-age": "2 weeks" }""", "journal-max-age")]
    [InlineData("""{ "journal-max-depth": -1 }""", "journal-max-depth")]
    [InlineData("""{ "zone-transfer": { "example.com": { "journal-max-age": "1y" } } }""", "zone-transfer.example.com.journal-max-age")]
    public void Bad_entries_stop_start_up_naming_them(string json, string named)
    {
        var e = Assert.Throws<ConfigException>(() => Load(json));
        Assert.Contains(named, e.Message);
    }
}

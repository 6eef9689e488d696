using System.Text.Json.Nodes;
using Desec.Auth.Config;
using Desec.Zone.Names;

namespace Desec.Auth.Tests.Config;

/// <summary>
/// The config door: every value of a full config file replaced by something hostile (null, the wrong
/// type, NaN-like, negative, huge, a list with a null in it) is either taken or refused with a
/// <see cref="ConfigException"/>; nothing else escapes, neither from loading and validating nor from
/// the per-zone look-ups the server makes later (policy, ACL, NOTIFY targets, journal bounds).
/// </summary>
public sealed class HostileConfigTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"hostile-config-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_file);

    private const string Full = """
        {
          "zones": "zones", "state": "state", "listen": ["127.0.0.1:5353"], "max-udp-payload": 1232, "nsid": "ns1",
          "tcp-idle-timeout": 10, "tcp-max-connections": 1024, "udp-sockets-per-address": 0, "watch-zones": false,
          "allow-transfer": ["127.0.0.1", "10.0.0.0/8 key:xfr.example."],
          "notify": ["127.0.0.1:5300"],
          "tsig-keys": [ { "name": "xfr.example.", "algorithm": "hmac-sha256", "secret": "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTAxMjM=" } ],
          "secondaries": [ "127.0.0.2:53 key:xfr.example.", { "address": "127.0.0.3:53" } ],
          "journal-max-usage": "100M", "journal-max-depth": 20, "journal-max-age": "14d",
          "catalog": "catalog.invalid.",
          "signing": { "algorithm": "ECDSAP256SHA256", "denial": "nsec3", "nsec3-parameters": "1 0 0 -", "signature-validity-days": 21,
                       "inception-offset-hours": 1, "refresh-remaining": 0.333, "key-ttl": 3600, "cds-digest-types": [2],
                       "publish-provisioned-sep-cds": true, "csync": true, "csync-soaminimum": false },
          "zone-signing": { "example.com.": { "denial": "nsec", "signature-validity-days": 14 } },
          "zone-transfer": { "example.com.": { "allow-transfer": ["::1"], "notify": ["127.0.0.1:5301"], "secondaries": ["127.0.0.4:53"],
                                               "journal-max-usage": "1M", "journal-max-depth": 5, "journal-max-age": "1d", "catalog-group": "g" } }
        }
        """;

    private static readonly string[] Hostile =
    [
        "null", "\"\"", "-1", "0", "1e300", "-1e300", "4294967296", "\"NaN\"", "\"-Infinity\"", "true", "[]", "{}", "[null]", "[{}]", "[[]]",
        "\"" + new string('x', 70_000) + "\"", "\"a\\u0000b\"", "\"/\"", "\"..\"", "[\"" + new string('9', 400) + "\"]",
    ];

    /// <summary>Every place a value sits in the full config, as a path of keys and indexes.</summary>
    public static TheoryData<string> Paths()
    {
        var data = new TheoryData<string>();
        void Walk(JsonNode? node, string path)
        {
            if (path.Length > 0) { data.Add(path); }
            switch (node)
            {
                case JsonObject o: foreach (var (key, value) in o) { Walk(value, path + "/" + key); } break;
                case JsonArray a: for (int i = 0; i < a.Count; i++) { Walk(a[i], path + "/" + i); } break;
            }
        }
        Walk(JsonNode.Parse(Full), "");
        return data;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Any_hostile_value_is_taken_or_refused_naming_its_key(string path)
    {
        var escaped = new List<string>();
        foreach (var hostile in Hostile)
        {
            var root = JsonNode.Parse(Full)!;
            var keys = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            JsonNode parent = root;
            foreach (var key in keys[..^1]) { parent = int.TryParse(key, out int i) ? parent[i]! : parent[key]!; }
            var value = JsonNode.Parse(hostile);
            if (int.TryParse(keys[^1], out int index)) { parent.AsArray()[index] = value; }
            else { parent.AsObject()[keys[^1]] = value; }
            File.WriteAllText(_file, root.ToJsonString());
            try
            {
                var config = ServerConfig.Load(_file);
                config.Validate();
                _ = config.Advice().ToList();
                var keyring = config.TsigKeyring();
                foreach (var zone in new[] { "example.com.", "other.example.", "catalog.invalid." }.Select(n => DnsName.Parse(n)))
                {
                    config.PolicyFor(zone);
                    config.TransferAclFor(zone);
                    config.NotifyTargetsFor(zone, keyring);
                    config.JournalLimitsFor(zone);
                    config.CatalogGroupFor(zone);
                }
                config.CatalogName();
            }
            catch (ConfigException)
            {
            }
            catch (Exception e)
            {
                escaped.Add($"{path} = {(hostile.Length > 40 ? hostile[..40] + "..." : hostile)}: {e.GetType().Name} escaped: {e.Message}\n{e.StackTrace}");
            }
        }
        Assert.True(escaped.Count == 0, string.Join("\n", escaped));
    }
}

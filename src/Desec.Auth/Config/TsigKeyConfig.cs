using Desec.Auth.Tsig;
using Desec.Zone.Tsig;

namespace Desec.Auth.Config;

/// <summary>
/// One TSIG key in the config file: <c>{ "name": "xfr.example.", "algorithm": "hmac-sha256", "secret": "base64" }</c>,
/// the three values <c>tsig-keygen</c> and <c>keymgr -t</c> print.
/// </summary>
public sealed record TsigKeyConfig
{
    public string? Name { get; init; }
    public string Algorithm { get; init; } = TsigAlgorithm.Default.Mnemonic;
    public string? Secret { get; init; }

    /// <summary>Builds the keyring, stopping at the first key that is not usable, with a message naming it.</summary>
    public static TsigKeyring BuildKeyring(IEnumerable<TsigKeyConfig> configs)
    {
        var keys = new List<TsigKey>();
        var names = new HashSet<Desec.Zone.Names.DnsName>();
        foreach (var config in configs)
        {
            if (config is null) { throw new ConfigException("tsig-keys: an entry is null (expected { \"name\": ..., \"secret\": ... })"); }
            TsigKey key;
            try
            {
                key = TsigKeyText.Create(config.Name, config.Algorithm, config.Secret);
            }
            catch (TsigKeyException e)
            {
                throw new ConfigException($"tsig-keys: {e.Message}");
            }
            if (!names.Add(key.Name)) { throw new ConfigException($"tsig-keys: TSIG key '{config.Name}' is defined twice"); }
            keys.Add(key);
        }
        return new TsigKeyring(keys);
    }
}

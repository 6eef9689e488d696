using Desec.Zone.Names;

namespace Desec.Zone.Tsig;

/// <summary>The keys this server shares with its peers, found by key name (compared ignoring case, RFC 4343).</summary>
public sealed class TsigKeyring
{
    public static readonly TsigKeyring Empty = new([]);

    private readonly Dictionary<DnsName, TsigKey> _keys = [];

    public TsigKeyring(IEnumerable<TsigKey> keys)
    {
        foreach (var key in keys)
        {
            if (!_keys.TryAdd(key.Name, key)) { throw new ArgumentException($"TSIG key {key.Name} is defined twice"); }
        }
    }

    public int Count => _keys.Count;

    public IEnumerable<TsigKey> Keys => _keys.Values;

    public TsigKey? Find(DnsName name) => _keys.GetValueOrDefault(name);

    public bool TryFind(DnsName name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TsigKey? key) =>
        _keys.TryGetValue(name, out key);
}

using Desec.Zone.Names;

namespace Desec.Zone.Tsig;

/// <summary>A shared secret for TSIG (RFC 8945 §3): the key's name, its MAC algorithm and the secret octets.</summary>
public sealed class TsigKey
{
    public TsigKey(DnsName name, TsigAlgorithm algorithm, byte[] secret)
    {
        if (secret.Length == 0) { throw new ArgumentException($"TSIG key {name}: the secret is empty", nameof(secret)); }
        Name = name;
        // The MAC covers the key name in canonical (lower-case) form, RFC 8945 §4.3.3.
        CanonicalName = name.ToLower();
        Algorithm = algorithm;
        Secret = secret;
    }

    public DnsName Name { get; }
    public DnsName CanonicalName { get; }
    public TsigAlgorithm Algorithm { get; }
    public byte[] Secret { get; }

    public override string ToString() => $"{Name} ({Algorithm})";
}

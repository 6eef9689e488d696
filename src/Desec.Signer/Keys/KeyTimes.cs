namespace Desec.Signer.Keys;

/// <summary>
/// The timing metadata BIND keeps with a key (dnssec-keygen(8)): when it was made, when its DNSKEY
/// is published and when it starts signing. Times are whole seconds, UTC.
/// </summary>
public sealed record KeyTimes(DateTimeOffset Created, DateTimeOffset? Publish = null, DateTimeOffset? Activate = null)
{
    /// <summary>A new key published and active at once, as this signer makes them.</summary>
    public static KeyTimes At(DateTimeOffset now)
    {
        var second = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        return new KeyTimes(second, second, second);
    }
}

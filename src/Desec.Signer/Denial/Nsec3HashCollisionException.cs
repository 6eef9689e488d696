using Desec.Zone.Names;

namespace Desec.Signer.Denial;

/// <summary>
/// Two names of the zone have the same NSEC3 hash. RFC 5155 §7.1: the zone cannot be signed with
/// these parameters; choose another salt (the exception says which names collide).
/// </summary>
public sealed class Nsec3HashCollisionException(DnsName first, DnsName second, string hashLabel)
    : Exception($"NSEC3 hash collision: {first} and {second} both hash to {hashLabel}; sign with another salt (RFC 5155 §7.1)")
{
    public DnsName First { get; } = first;
    public DnsName Second { get; } = second;
}

using Desec.Zone.Zones;

namespace Desec.Signer.Denial;

/// <summary>
/// The parts of an NSEC3 closest encloser proof (RFC 5155 §7.2.1) for one query name, as indices
/// into <see cref="Nsec3Chain.Entries"/>. When the name itself has an NSEC3, <see cref="QnameMatches"/>
/// is true, the closest encloser is the name and there is no next closer name.
/// </summary>
public readonly record struct ClosestEncloserProof(
    ZoneNode ClosestEncloser,
    int ClosestEncloserMatch,
    int NextCloserCover,
    int Wildcard,
    bool WildcardMatches)
{
    /// <summary>True when the query name owns an NSEC3: it is its own closest encloser (no next closer name).</summary>
    public bool QnameMatches => NextCloserCover < 0;
}

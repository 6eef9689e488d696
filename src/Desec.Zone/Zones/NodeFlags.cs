namespace Desec.Zone.Zones;

/// <summary>What the query path and the signer need to know about a node without looking at its RRsets.</summary>
[Flags]
public enum NodeFlags
{
    None = 0,

    /// <summary>The zone's origin: holds the SOA and the apex NS.</summary>
    Apex = 1 << 0,

    /// <summary>A zone cut: NS at a name other than the apex (RFC 1034 §4.2.1). The NS here is not authoritative.</summary>
    Delegation = 1 << 1,

    /// <summary>The first label is <c>*</c> (RFC 4592 §2.1.1).</summary>
    Wildcard = 1 << 2,

    /// <summary>No RRsets, but names below it have some (RFC 4592 §2.2.2): the name exists (NODATA, not NXDOMAIN).</summary>
    EmptyNonTerminal = 1 << 3,

    /// <summary>Below a delegation or a DNAME: kept (for glue and transfers) but never answered from.</summary>
    Occluded = 1 << 4,

    HasCname = 1 << 5,
    HasDname = 1 << 6,

    /// <summary>
    /// A child of this node is a wildcard (<c>*.</c> and this name): a name that does not exist below
    /// it may be synthesized from that child (RFC 4592 §3.3.1). Without the flag the query path
    /// skips looking the wildcard up.
    /// </summary>
    WildcardChild = 1 << 7,
}

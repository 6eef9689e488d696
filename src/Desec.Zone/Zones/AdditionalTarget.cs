namespace Desec.Zone.Zones;

/// <summary>What the target of an NS, MX or SRV record is in the zone version that holds the record.</summary>
public enum TargetKind : byte
{
    /// <summary>Authoritative data of the zone: its addresses go in signed when the query set DO (RFC 4035 §3.1).</summary>
    Authoritative,

    /// <summary>
    /// For the NS RRset of a zone cut: a target at or below the cut (in-bailiwick glue, RFC 9471
    /// §2.1). Every referral must carry its addresses; when they do not fit the response is
    /// truncated (RFC 9471 §3). Glue is never signed (RFC 4035 §2.2).
    /// </summary>
    Glue,

    /// <summary>
    /// For an NS RRset: a target below another cut of the zone (sibling glue, RFC 9471 §2.2, or the
    /// apex NS naming a host below a delegation). Its addresses are sent unsigned when room allows.
    /// </summary>
    Occluded,
}

/// <summary>
/// A node whose addresses (A and AAAA) go in the additional section after an RRset of
/// <see cref="Type"/> at the node that holds this target (RFC 1034 §3.6 and §4.3.2 step 6,
/// RFC 2782 for SRV), worked out once per zone version (<see cref="Zone.NodeAt"/> gives the node).
/// </summary>
/// <param name="Type">The type of the RRset whose RDATA names the target: NS, MX or SRV.</param>
/// <param name="Kind">What the target is: authoritative data or glue.</param>
/// <param name="Node">The target's node, by <see cref="ZoneNode.Index"/>.</param>
public readonly record struct AdditionalTarget(ushort Type, TargetKind Kind, int Node);

using System.Runtime.CompilerServices;
using Desec.Auth.Zones;
using Desec.Zone.Records;
using Desec.Zone.Zones;

namespace Desec.Auth.Query;

/// <summary>What looking one name up in its zone found (RFC 1034 §4.3.2 step 3).</summary>
internal enum StepOutcome : byte
{
    /// <summary>The node holds data of the query type (step 3a).</summary>
    Answer,

    /// <summary>The name exists without data of the query type (RFC 2308 §2.2).</summary>
    NoData,

    /// <summary>The name does not exist and no wildcard matches it (step 3c, RFC 2308 §2.1).</summary>
    NXDomain,

    /// <summary>A zone cut at or above the name (step 3b).</summary>
    Referral,

    /// <summary>The node holds a CNAME and the query asks for another type (step 3a, RFC 1034 §3.6.2).</summary>
    Cname,

    /// <summary>A DNAME above the name redirects it to a synthesized target (RFC 6672 §3.3).</summary>
    Dname,

    /// <summary>A DNAME above the name, but the rewritten name would be longer than 255 octets: YXDOMAIN (RFC 6672 §2.2).</summary>
    DnameTooLong,
}

/// <summary>
/// One name of a query resolved in one zone: the query name, then each target of a CNAME or DNAME
/// chain. Everything the stages need is here, so no stage looks a name up again. Nodes and RRsets
/// are references into one zone version, which the step keeps alive only as long as the query.
/// </summary>
internal struct QueryStep
{
    /// <summary>The zone the name was looked up in (the parent, for DS at the apex of a served child, RFC 4035 §3.1.4.1).</summary>
    public ServedZone Zone;

    public StepOutcome Outcome;

    /// <summary>DNSSEC records go in: the query set DO and the zone is signed (RFC 4035 §3.1).</summary>
    public bool Dnssec;

    /// <summary><see cref="Node"/> is the wildcard that synthesized the answer (RFC 4592 §3.3.1): the name itself does not exist.</summary>
    public bool FromWildcard;

    /// <summary>
    /// The node the step answers from: the name itself, or the wildcard (Answer, NoData, Cname); the
    /// zone cut (Referral); the DNAME's owner (Dname). Null for NXDomain.
    /// </summary>
    public ZoneNode? Node;

    /// <summary>The RRset of the answer: the query type's, the CNAME or the DNAME; null for ANY and RRSIG queries and negative outcomes.</summary>
    public RRset? Set;

    /// <summary>The closest encloser: the deepest node that is the name or one of its ancestors (RFC 5155 §1.3).</summary>
    public ZoneNode Encloser;

    /// <summary>
    /// When the name does not exist and the zone is signed with NSEC: the last node before it in
    /// canonical order, whose NSEC covers it (RFC 4035 §3.1.3.2). Null otherwise.
    /// </summary>
    public ZoneNode? Previous;

    /// <summary>Where the step's name lies in the context's name buffer.</summary>
    public int NameStart, NameLength;

    /// <summary>For Dname: where the synthesized target lies in the name buffer.</summary>
    public int TargetStart, TargetLength;
}

/// <summary>The steps of one query, on the stack: a chain ends after <see cref="QueryContext.MaxSteps"/> names.</summary>
[InlineArray(QueryContext.MaxSteps)]
internal struct QuerySteps
{
    private QueryStep _first;
}

using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Desec.Auth.Zones;
using Desec.Zone.Names;
using Desec.Zone.Rdata.Views;
using Desec.Zone.Records;

namespace Desec.Auth.Query;

/// <summary>
/// Everything one query is answered from, resolved before anything is written: the query name and
/// each CNAME or DNAME target after it (RFC 1034 §4.3.2, RFC 6672 §3.3), each looked up once in
/// its zone (<see cref="QueryStep"/>). The answer, authority and additional stages then read it in
/// that order. Lives on the stack with its steps inline; the names go to a buffer of the caller's
/// (one per thread), so that the query path allocates nothing.
/// </summary>
internal ref struct QueryContext
{
    /// <summary>The most names a chain follows, the query name included; a longer chain (or a loop) ends there.</summary>
    public const int MaxSteps = 12;

    /// <summary>Octets the caller's name buffer needs: every name of a full chain and the target of a DNAME at its end.</summary>
    public const int NameBufferLength = (MaxSteps + 1) * DnsName.MaxLength;

    /// <summary>The most denial RRsets one response is kept from repeating.</summary>
    private const int MaxProofSets = 16;

    private readonly ZoneSet _zones;
    private readonly Span<byte> _names;
    private int _namesUsed;
    private QuerySteps _steps;
    private ProofSets _proofSets;
    private int _proofSetCount;

    public QueryContext(ZoneSet zones, ushort qtype, bool tcp, bool dnssecOk, Span<byte> names)
    {
        _zones = zones;
        QType = qtype;
        Tcp = tcp;
        DnssecOk = dnssecOk;
        _names = names;
    }

    public ushort QType { get; }
    public bool Tcp { get; }
    public bool DnssecOk { get; }

    /// <summary>How many names were resolved; 0 when the query name is in no served zone.</summary>
    public int Count { get; private set; }

    public readonly bool IsEmpty => Count == 0;

    [UnscopedRef] public ref QueryStep this[int index] => ref _steps[index];

    [UnscopedRef] public ref QueryStep First => ref _steps[0];

    [UnscopedRef] public ref QueryStep Last => ref _steps[Count - 1];

    /// <summary>The types of the RRsets the answer stage wrote that have additional targets (NS, MX, SRV).</summary>
    public AnsweredTypes Answered { get; set; }

    /// <summary>
    /// Notes a denial RRset (NSEC or NSEC3, or its RRSIGs) for the authority section; false when the
    /// response has it already: one record can take part in two proofs (a wildcard answer and the
    /// NXDOMAIN at the end of the chain, RFC 4035 §3.1.3), and goes in once.
    /// </summary>
    public bool TryNoteProofSet(RRset set)
    {
        for (int i = 0; i < _proofSetCount; i++)
        {
            if (ReferenceEquals(_proofSets[i], set)) { return false; }
        }
        if (_proofSetCount < MaxProofSets) { _proofSets[_proofSetCount++] = set; }
        return true;
    }

    /// <summary>The name a step resolved, as the query had it (for the first) or as the RDATA gave it.</summary>
    public readonly ReadOnlySpan<byte> NameOf(in QueryStep step) => _names.Slice(step.NameStart, step.NameLength);

    /// <summary>The name a DNAME step rewrote its name to.</summary>
    public readonly ReadOnlySpan<byte> TargetOf(in QueryStep step) => _names.Slice(step.TargetStart, step.TargetLength);

    /// <summary>
    /// Resolves the query name and then each target of the chain it starts, each in the zone that
    /// holds it (RFC 1034 §4.3.2 step 3a: "change QNAME to the canonical name in the CNAME RR, and go
    /// back to step 1"). The target comes from the RDATA found for the name before; nothing is
    /// looked up twice. The chain ends at a name that is not a CNAME or DNAME, a name outside the
    /// served zones, a name seen before (a loop) or after <see cref="MaxSteps"/> names.
    /// </summary>
    public void Resolve(ReadOnlySpan<byte> qname)
    {
        if (!TryAddStep(qname, Append(qname))) { return; }
        // RFC 1034 §3.6.2: a CNAME query is answered by the CNAME (or the one a DNAME gives), not chased.
        if (QType == RRType.CNAME) { return; }
        while (Count < MaxSteps)
        {
            ref var last = ref Last;
            int start, length;
            if (last.Outcome == StepOutcome.Cname)
            {
                var target = TargetNameView.Read(RRType.CNAME, last.Set!.Rdatas[0]).Name;
                if (Seen(target)) { return; }
                (start, length) = Append(target);
            }
            else if (last.Outcome == StepOutcome.Dname)
            {
                (start, length) = (last.TargetStart, last.TargetLength);
                if (Seen(_names.Slice(start, length))) { return; }
            }
            else
            {
                return;
            }
            if (!TryAddStep(_names.Slice(start, length), (start, length))) { return; }
        }
    }

    private bool TryAddStep(ReadOnlySpan<byte> name, (int Start, int Length) at)
    {
        var zone = _zones.FindZone(name);
        if (zone is null) { return false; }
        // RFC 4035 §3.1.4.1: DS lives on the parent side of a cut; answer it from the parent when it is served.
        if (QType == RRType.DS && name.Length == zone.Origin.Length && _zones.FindParent(zone) is { } parent) { zone = parent; }
        ref var step = ref _steps[Count];
        step = default;
        step.NameStart = at.Start;
        step.NameLength = at.Length;
        if (!NameResolver.Resolve(zone, name, QType, DnssecOk, ref step)) { return false; }
        if (step.Outcome == StepOutcome.Dname) { Rewrite(ref step, name); }
        Count++;
        return true;
    }

    /// <summary>
    /// RFC 6672 §2.2: the name with the DNAME owner's suffix replaced by the DNAME target, kept in
    /// the buffer for the synthesized CNAME; too long a result makes the step a YXDOMAIN.
    /// </summary>
    private void Rewrite(ref QueryStep step, ReadOnlySpan<byte> name)
    {
        var target = TargetNameView.Read(RRType.DNAME, step.Set!.Rdatas[0]).Name;
        int prefix = name.Length - step.Node!.Name.Length;
        if (prefix + target.Length > DnsName.MaxLength || _namesUsed + prefix + target.Length > _names.Length)
        {
            step.Outcome = StepOutcome.DnameTooLong;
            return;
        }
        step.TargetStart = _namesUsed;
        step.TargetLength = prefix + target.Length;
        name[..prefix].CopyTo(_names[_namesUsed..]);
        target.CopyTo(_names[(_namesUsed + prefix)..]);
        _namesUsed += step.TargetLength;
    }

    private (int Start, int Length) Append(ReadOnlySpan<byte> name)
    {
        int start = _namesUsed;
        name.CopyTo(_names[start..]);
        _namesUsed += name.Length;
        return (start, name.Length);
    }

    /// <summary>Whether the chain resolved <paramref name="name"/> already (letter case aside): a loop.</summary>
    private readonly bool Seen(ReadOnlySpan<byte> name)
    {
        for (int i = 0; i < Count; i++)
        {
            if (DnsName.AsciiEqualsIgnoreCase(NameOf(_steps[i]), name)) { return true; }
        }
        return false;
    }

    [InlineArray(MaxProofSets)]
    private struct ProofSets
    {
        private RRset? _first;
    }
}

/// <summary>Types in the answer whose targets' addresses go in the additional section (RFC 1034 §3.6, RFC 2782).</summary>
[Flags]
internal enum AnsweredTypes : byte
{
    None = 0,
    NS = 1,
    MX = 2,
    SRV = 4,
}

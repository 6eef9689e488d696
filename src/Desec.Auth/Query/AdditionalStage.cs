using Desec.Zone.Messages;
using Desec.Zone.Records;
using Desec.Zone.Zones;

namespace Desec.Auth.Query;

/// <summary>
/// The additional section (RFC 1034 §4.3.2 step 6): the addresses of the hosts that the NS, MX and
/// SRV records of the answer name (RFC 1034 §3.6, RFC 2782), or that the NS of a referral name
/// (glue, RFC 9471), read from the targets the zone version worked out when it was built
/// (<see cref="ZoneNode.AdditionalTargets"/>). Glue below the cut must fit, or the response is
/// truncated (RFC 9471 §3); everything else goes in as room allows. Authoritative addresses are
/// signed under DNSSEC; glue never is (RFC 4035 §2.2). Writes the additional section only.
/// </summary>
internal static class AdditionalStage
{
    /// <summary>The most target nodes remembered to write each once; more are rare and at worst repeated.</summary>
    private const int MaxRemembered = 16;

    public static void Write(ref MessageWriter response, ref QueryContext context)
    {
        ref var last = ref context.Last;
        Span<int> written = stackalloc int[MaxRemembered];
        int count = 0;
        if (last.Outcome == StepOutcome.Answer && context.Answered != AnsweredTypes.None)
        {
            var answered = context.Answered;
            if (answered.HasFlag(AnsweredTypes.NS)) { WriteTargets(ref response, in last, RRType.NS, glue: false, written, ref count); }
            if (answered.HasFlag(AnsweredTypes.MX)) { WriteTargets(ref response, in last, RRType.MX, glue: false, written, ref count); }
            if (answered.HasFlag(AnsweredTypes.SRV)) { WriteTargets(ref response, in last, RRType.SRV, glue: false, written, ref count); }
        }
        else if (last.Outcome == StepOutcome.Referral)
        {
            // The glue a referral cannot do without first, then what else helps (RFC 1034 §4.3.2 step 3b).
            WriteTargets(ref response, in last, RRType.NS, glue: true, written, ref count);
            WriteTargets(ref response, in last, RRType.NS, glue: false, written, ref count);
        }
    }

    /// <summary>The addresses of the targets of the step node's RRset of <paramref name="type"/>: the glue ones, or all the others.</summary>
    private static void WriteTargets(ref MessageWriter response, in QueryStep step, ushort type, bool glue, scoped Span<int> written, ref int count)
    {
        var zone = step.Zone.Zone;
        foreach (var target in step.Node!.AdditionalTargets(type))
        {
            if ((target.Kind == TargetKind.Glue) != glue || written[..count].Contains(target.Node)) { continue; }
            if (count < written.Length) { written[count++] = target.Node; }
            var node = zone.NodeAt(target.Node);
            bool signed = step.Dnssec && target.Kind == TargetKind.Authoritative;
            bool fits = true;
            if (node.Find(RRType.A) is { } a) { fits &= SignedRRsets.Add(ref response, MessageSection.Additional, node, node.Name.Wire, a, signed); }
            if (node.Find(RRType.AAAA) is { } aaaa) { fits &= SignedRRsets.Add(ref response, MessageSection.Additional, node, node.Name.Wire, aaaa, signed); }
            // RFC 9471 §3: glue for in-domain name servers must fit, else the response is truncated.
            if (glue && !fits) { response.MarkTruncated(); }
        }
    }
}

using Desec.Auth.Zones;
using Desec.Zone.Messages;

namespace Desec.Auth.Query;

/// <summary>
/// Answers a query from the published zones, after RFC 1034 §4.3.2: the query name, and each
/// CNAME or DNAME target after it, is resolved once into a <see cref="QueryContext"/> (zone, node
/// or closest encloser, wildcard, cut, DNAME); AA and the RCODE are decided from it; then three
/// fixed stages write the answer, authority and additional sections, in that order, each only
/// its own. Nothing is allocated.
/// </summary>
public sealed class Answerer(ZoneStore store)
{
    /// <summary>
    /// This thread's buffer for the names of a chain. On the heap, not the stack, so that the
    /// context that points into it may be passed by reference beside the response (C# ref safety);
    /// one per thread, so answering allocates nothing.
    /// </summary>
    [ThreadStatic] private static byte[]? t_names;

    /// <summary>
    /// Writes the answer to (<paramref name="qname"/>, <paramref name="qtype"/>) into a response whose
    /// header and question the caller has written: sets AA and the RCODE and writes the answer,
    /// authority and additional sections. The caller then writes the OPT record and finishes.
    /// </summary>
    public void Answer(ref MessageWriter response, ReadOnlySpan<byte> qname, ushort qtype, bool tcp, bool dnssecOk)
    {
        var context = new QueryContext(store.Current, qtype, tcp, dnssecOk, t_names ??= new byte[QueryContext.NameBufferLength]);
        context.Resolve(qname);
        if (context.IsEmpty)
        {
            // Not a name of any zone served here.
            response.SetRcode(Rcode.Refused);
            return;
        }
        // RFC 1035 §4.1.1: AA describes the first owner name of the answer; a referral for the query
        // name is not authoritative (RFC 1034 §4.3.2 step 3b), whatever a CNAME chain leads to later.
        if (context.First.Outcome != StepOutcome.Referral) { response.SetFlags(HeaderFlags.AA); }
        // RFC 6604 §3: the RCODE is that of the last name of the chain.
        response.SetRcode(context.Last.Outcome switch
        {
            StepOutcome.NXDomain => Rcode.NXDomain,
            StepOutcome.DnameTooLong => Rcode.YXDomain,
            _ => Rcode.NoError,
        });
        AnswerStage.Write(ref response, ref context);
        AuthorityStage.Write(ref response, ref context);
        AdditionalStage.Write(ref response, ref context);
    }
}

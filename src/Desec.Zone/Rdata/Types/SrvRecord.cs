using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// SRV: priority, weight, port and target host (RFC 2782). The target is lower-cased in canonical
/// form (RFC 4034 §6.2). RFC 2782 forbids compressing it, but RFC 3597 §4 says receivers SHOULD
/// still decompress it (RFC 2052 once required compression), so <c>compressible</c> is set: here
/// it governs reading only; a writer must never compress SRV targets.
/// </summary>
public sealed class SrvRecord : FieldRdataCodec
{
    public override ushort Type => RRType.SRV;

    protected override RdataField[] Fields { get; } =
    [
        new UIntField("priority", 2),
        new UIntField("weight", 2),
        new UIntField("port", 2),
        new NameField("target", compressible: true, lowerCase: true),
    ];
}

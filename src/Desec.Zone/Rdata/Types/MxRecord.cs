using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>MX: preference and exchange host (RFC 1035 §3.3.9); the name may be compressed.</summary>
public sealed class MxRecord : FieldRdataCodec
{
    public override ushort Type => RRType.MX;
    protected override RdataField[] Fields { get; } =
        [new UIntField("preference", 2), new NameField("exchange", compressible: true, lowerCase: true)];
}

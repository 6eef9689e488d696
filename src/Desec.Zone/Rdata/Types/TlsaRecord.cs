using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>TLSA: certificate usage, selector, matching type, certificate association data in hex (RFC 6698 §2.1, §2.2).</summary>
public sealed class TlsaRecord : FieldRdataCodec
{
    public override ushort Type => RRType.TLSA;
    protected override RdataField[] Fields => Layout;

    /// <summary>Shared with SMIMEA, which has the same format (RFC 8162 §2).</summary>
    internal static readonly RdataField[] Layout =
    [
        new UIntField("certificate usage", 1),
        new UIntField("selector", 1),
        new UIntField("matching type", 1),
        new BinaryRestField("certificate association data", BinaryEncoding.Hex),
    ];
}

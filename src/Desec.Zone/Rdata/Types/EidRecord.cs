using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// EID: a Nimrod endpoint identifier, opaque octets in hex (draft-ietf-nimrod-dns, as BIND reads
/// it).
/// </summary>
public sealed class EidRecord : FieldRdataCodec
{
    public override ushort Type => RRType.EID;
    protected override RdataField[] Fields { get; } =
    [
        new BinaryRestField("endpoint identifier", BinaryEncoding.Hex),
    ];
}

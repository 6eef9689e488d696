using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>OPENPGPKEY: an OpenPGP transferable public key in base64, possibly split over words (RFC 7929 §2.1, §2.3).</summary>
public sealed class OpenpgpkeyRecord : FieldRdataCodec
{
    public override ushort Type => RRType.OPENPGPKEY;
    protected override RdataField[] Fields { get; } = [new BinaryRestField("public key", BinaryEncoding.Base64)];
}

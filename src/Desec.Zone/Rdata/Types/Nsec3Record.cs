using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// NSEC3 (RFC 5155 §3.2, §3.3): hash algorithm, flags, iterations, salt (hex or <c>-</c>), next
/// hashed owner name (unpadded base32hex) and type bit maps, which may be empty. As BIND checks
/// (in text and on the wire): a SHA-1 hash has 20 octets, and any hash fits the label it names (at most 39 octets,
/// 63 base32hex characters).
/// </summary>
public sealed class Nsec3Record : FieldRdataCodec
{
    private const byte Sha1 = 1;
    private const int Sha1Length = 20;
    private const int MaxHashInALabel = 39;

    public override ushort Type => RRType.NSEC3;
    protected override RdataField[] Fields { get; } =
    [
        new UIntField("hash algorithm", 1),
        new UIntField("flags", 1),
        new UIntField("iterations", 2),
        new LengthPrefixedHexField("salt"),
        new LengthPrefixedBase32HexField("next hashed owner name"),
        new TypeBitmapField("type bit maps", allowEmpty: true),
    ];

    public override void ParseText(RdataTokens tokens, RdataBuilder output)
    {
        int start = output.Length;
        base.ParseText(tokens, output);
        if (HashLengthProblem(output.Written[start..]) is { } problem) { throw tokens.Error(problem); }
    }

    public override void ReadWire(ref DnsWireReader reader, int length, RdataBuilder output)
    {
        int start = output.Length, position = reader.Position;
        base.ReadWire(ref reader, length, output);
        if (HashLengthProblem(output.Written[start..]) is { } problem) { throw new DnsWireException(position, problem); }
    }

    private static string? HashLengthProblem(ReadOnlySpan<byte> rdata)
    {
        int hashLength = rdata[5 + rdata[4]];
        if (rdata[0] == Sha1 && hashLength != Sha1Length)
        {
            return $"next hashed owner name of {hashLength} octets: SHA-1 (hash algorithm 1) gives {Sha1Length} (RFC 5155 §3.2)";
        }
        return hashLength > MaxHashInALabel
            ? $"next hashed owner name of {hashLength} octets: at most {MaxHashInALabel} fit the label it names (RFC 5155 §3.3)"
            : null;
    }
}

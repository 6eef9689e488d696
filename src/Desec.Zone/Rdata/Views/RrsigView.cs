using System.Buffers.Binary;
using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Views;

/// <summary>
/// The fields of RRSIG RDATA in canonical wire form (RFC 4034 §3.1): type covered, algorithm,
/// labels, original TTL, expiration, inception, key tag, the signer's name (never compressed,
/// §3.1.7) and the signature. A view: nothing is copied.
/// </summary>
public readonly ref struct RrsigView
{
    /// <summary>Octets before the signer's name (RFC 4034 §3.1).</summary>
    public const int FixedLength = 18;

    private readonly ReadOnlySpan<byte> _rdata;
    private readonly int _signerLength;

    private RrsigView(ReadOnlySpan<byte> rdata, int signerLength)
    {
        _rdata = rdata;
        _signerLength = signerLength;
    }

    /// <summary>Reads RRSIG RDATA; false when the fixed fields or the signer's name are cut short or malformed.</summary>
    public static bool TryRead(ReadOnlySpan<byte> rdata, out RrsigView view)
    {
        view = default;
        if (rdata.Length < FixedLength || !DnsName.TryMeasureWire(rdata[FixedLength..], out int signer)) { return false; }
        view = new RrsigView(rdata, signer);
        return true;
    }

    /// <summary>Reads RDATA already checked; throws <see cref="ArgumentException"/> when it is no RRSIG RDATA.</summary>
    public static RrsigView Read(ReadOnlySpan<byte> rdata) =>
        TryRead(rdata, out var view) ? view : throw new ArgumentException("not RRSIG RDATA (RFC 4034 §3.1)", nameof(rdata));

    /// <summary>
    /// The type covered, the first two octets, read without checking the rest: what sorting and
    /// finding a node's signatures need. 0 when the RDATA is shorter than that.
    /// </summary>
    public static ushort ReadTypeCovered(ReadOnlySpan<byte> rdata) =>
        rdata.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(rdata) : (ushort)0;

    /// <summary>The type an RRSIG RRset covers (all its records cover the same one); 0 for an RRset of another type.</summary>
    public static ushort TypeCoveredBy(RRset set) =>
        set.Type == RRType.RRSIG && set.Count > 0 ? ReadTypeCovered(set.Rdatas[0]) : (ushort)0;

    public ushort TypeCovered => BinaryPrimitives.ReadUInt16BigEndian(_rdata);

    /// <summary>The DNSSEC algorithm number (RFC 4034 §3.1.2).</summary>
    public byte Algorithm => _rdata[2];

    /// <summary>Labels of the original owner name, the root and a leading <c>*</c> not counted (RFC 4034 §3.1.3).</summary>
    public byte Labels => _rdata[3];

    public uint OriginalTtl => BinaryPrimitives.ReadUInt32BigEndian(_rdata[4..]);

    /// <summary>Seconds since 1970 modulo 2^32, compared in serial arithmetic (RFC 4034 §3.1.5).</summary>
    public uint Expiration => BinaryPrimitives.ReadUInt32BigEndian(_rdata[8..]);

    /// <summary>Seconds since 1970 modulo 2^32, compared in serial arithmetic (RFC 4034 §3.1.5).</summary>
    public uint Inception => BinaryPrimitives.ReadUInt32BigEndian(_rdata[12..]);

    public ushort KeyTag => BinaryPrimitives.ReadUInt16BigEndian(_rdata[16..]);

    public ReadOnlySpan<byte> SignerName => _rdata.Slice(FixedLength, _signerLength);

    public ReadOnlySpan<byte> Signature => _rdata[(FixedLength + _signerLength)..];

    /// <summary>
    /// The time closest to <paramref name="nowSeconds"/> (seconds since 1970) whose low 32 bits are
    /// <paramref name="time"/>: RFC 4034 §3.1.5 serial arithmetic, for a 32-bit expiration or inception.
    /// </summary>
    public static long NearestSeconds(uint time, long nowSeconds) => nowSeconds + (int)(time - unchecked((uint)nowSeconds));
}

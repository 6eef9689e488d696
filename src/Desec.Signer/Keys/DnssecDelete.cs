namespace Desec.Signer.Keys;

/// <summary>
/// RFC 8078 §4 as corrected by erratum 5049: the CDS and CDNSKEY records by which a zone asks its
/// parent to remove the DS RRset (turn DNSSEC off): <c>CDS 0 0 0 00</c> and <c>CDNSKEY 0 3 0 AA==</c>.
/// </summary>
public static class DnssecDelete
{
    /// <summary>CDS RDATA: key tag 0, algorithm 0, digest type 0, digest one octet 0.</summary>
    public static ReadOnlySpan<byte> CdsRdata => [0, 0, 0, 0, 0];

    /// <summary>CDNSKEY RDATA: flags 0, protocol 3, algorithm 0, public key one octet 0.</summary>
    public static ReadOnlySpan<byte> CdnskeyRdata => [0, 0, 3, 0, 0];

    public static bool IsCdsDelete(ReadOnlySpan<byte> rdata) => rdata.SequenceEqual(CdsRdata);

    public static bool IsCdnskeyDelete(ReadOnlySpan<byte> rdata) => rdata.SequenceEqual(CdnskeyRdata);
}

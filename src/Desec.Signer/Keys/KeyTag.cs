namespace Desec.Signer.Keys;

/// <summary>RFC 4034 Appendix B: the key tag of DNSKEY RDATA, which RRSIG and DS use to point at a key.</summary>
public static class KeyTag
{
    public static ushort Compute(ReadOnlySpan<byte> dnskeyRdata)
    {
        if (dnskeyRdata.Length < 4) { throw new ArgumentException("DNSKEY RDATA is at least 4 octets", nameof(dnskeyRdata)); }
        // Appendix B.1: for algorithm 1 (RSA/MD5) the tag is the most significant 16 of the least
        // significant 24 bits of the modulus, that is, octets -3 and -2 of the RDATA.
        if (dnskeyRdata[3] == 1)
        {
            return dnskeyRdata.Length < 7 ? (ushort)0 : (ushort)(dnskeyRdata[^3] << 8 | dnskeyRdata[^2]);
        }
        // Appendix B: the RDATA as 16-bit big-endian words summed, carries folded back in once.
        uint sum = 0;
        for (int i = 0; i < dnskeyRdata.Length; i++)
        {
            sum += (i & 1) == 0 ? (uint)dnskeyRdata[i] << 8 : dnskeyRdata[i];
        }
        sum += sum >> 16 & 0xFFFF;
        return (ushort)sum;
    }
}

using System.Buffers.Binary;
using System.Security.Cryptography;
using Desec.Zone.Names;
using Desec.Zone.Wire;

namespace Desec.Auth.Tsig;

/// <summary>Checks the TSIG of a request (RFC 8945 §5.2) and keeps what signing the response needs.</summary>
public static class TsigVerifier
{
    /// <summary>
    /// Finds and checks the TSIG record of <paramref name="message"/>. The checks run in the
    /// RFC's order: placement and form (§5.1, §5.2.2.1 FORMERR), key (§5.2.1), MAC (§5.2.2),
    /// truncation policy (§5.2.2.1), time (§5.2.3). <paramref name="context"/> is never null;
    /// for <see cref="TsigResult.NoTsig"/> and <see cref="TsigResult.FormErr"/> it is a shared
    /// context that signs nothing.
    /// </summary>
    /// <param name="allowTruncatedMac">
    /// Local policy for truncated MACs (§5.2.2.1): off by default, so a MAC shorter than the
    /// hash output is BADTRUNC; when on, down to the RFC's floor is accepted.
    /// </param>
    public static TsigResult Verify(ReadOnlySpan<byte> message, TsigKeyring keyring, DateTimeOffset now, out TsigContext context,
        bool allowTruncatedMac = false)
    {
        context = TsigContext.None;
        if (message.Length < 12) { context = TsigContext.Malformed; return TsigResult.FormErr; }
        // Fast path: a message with no records besides the question has no TSIG.
        if (BinaryPrimitives.ReadUInt16BigEndian(message[6..]) == 0 && BinaryPrimitives.ReadUInt16BigEndian(message[8..]) == 0
            && BinaryPrimitives.ReadUInt16BigEndian(message[10..]) == 0)
        {
            return TsigResult.NoTsig;
        }

        Span<byte> keyNameBuffer = stackalloc byte[DnsName.MaxLength];
        if (!TryFindTsig(message, keyNameBuffer, out var found))
        {
            context = TsigContext.Malformed;
            return TsigResult.FormErr;
        }
        if (found.RecordStart < 0) { return TsigResult.NoTsig; }

        var algorithm = TsigAlgorithm.FromWireName(found.AlgorithmName);
        var key = algorithm is null ? null : keyring.Find(DnsName.FromWire(found.KeyName));
        if (key is null || key.Algorithm != algorithm)
        {
            // §5.2.1: unknown key or algorithm; answered NOTAUTH/BADKEY, unsigned.
            context = new TsigContext(TsigResult.BadKey, null, found);
            return TsigResult.BadKey;
        }
        int macSize = found.Mac.Length;
        if (macSize > algorithm.MacLength || macSize < algorithm.MinimumMacLength)
        {
            // §5.2.2.1: longer than the hash, or shorter than max(10, half the hash): FORMERR.
            context = TsigContext.Malformed;
            return TsigResult.FormErr;
        }

        using (var hmac = algorithm.CreateHmac(key.Secret))
        {
            // §4.3.2: the request as it was before the TSIG was added, then the TSIG variables.
            ushort additional = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(message[10..]) - 1);
            TsigWire.AppendMessage(hmac, message[..found.RecordStart], found.OriginalId, additional);
            TsigWire.AppendVariables(hmac, key.CanonicalName.Wire, algorithm.Name.Wire, found.TimeSigned, found.Fudge, found.Error, found.OtherData);
            Span<byte> computed = stackalloc byte[algorithm.MacLength];
            hmac.GetHashAndReset(computed);
            // §5.2.2: compare in constant time, over the octets sent (a truncated MAC is a prefix).
            if (!CryptographicOperations.FixedTimeEquals(computed[..macSize], found.Mac))
            {
                context = new TsigContext(TsigResult.BadSig, key, found);
                return TsigResult.BadSig;
            }
        }

        var result = TsigResult.Ok;
        if (macSize < algorithm.MacLength && !allowTruncatedMac)
        {
            result = TsigResult.BadTrunc; // §5.2.2.1: shorter than local policy allows
        }
        else
        {
            // §5.2.3: the server's time must lie within Time Signed ± Fudge of the request.
            ulong nowSeconds = TsigWire.UnixSeconds(now);
            ulong distance = nowSeconds > found.TimeSigned ? nowSeconds - found.TimeSigned : found.TimeSigned - nowSeconds;
            if (distance > found.Fudge) { result = TsigResult.BadTime; }
        }
        context = new TsigContext(result, key, found);
        return result;
    }

    /// <summary>
    /// Checks the TSIG of a response to a request this server signed (a NOTIFY), as a client does
    /// (RFC 8945 §5.4): it must carry a TSIG (an unsigned answer to a signed request is discarded),
    /// with our key and algorithm, whose MAC covers the request MAC, the response and the TSIG
    /// variables (§4.3.1), and whose time lies within the fudge (§5.4.2 asks the client to check
    /// the time too). <paramref name="peerError"/> is the TSIG error the peer reported (BADKEY,
    /// BADSIG or BADTIME when it could not check our request), 0 when none or no TSIG.
    /// </summary>
    public static TsigResult VerifyResponse(ReadOnlySpan<byte> response, TsigKey key, ReadOnlySpan<byte> requestMac, DateTimeOffset now,
        out ushort peerError)
    {
        peerError = 0;
        if (response.Length < 12) { return TsigResult.FormErr; }
        Span<byte> keyNameBuffer = stackalloc byte[DnsName.MaxLength];
        if (!TryFindTsig(response, keyNameBuffer, out var found)) { return TsigResult.FormErr; }
        if (found.RecordStart < 0) { return TsigResult.NoTsig; }
        peerError = found.Error;
        var algorithm = TsigAlgorithm.FromWireName(found.AlgorithmName);
        if (algorithm != key.Algorithm || !DnsName.FromWire(found.KeyName).Equals(key.Name)) { return TsigResult.BadKey; }
        // §5.3.2: a BADKEY or BADSIG answer carries no MAC; it cannot be verified and proves nothing.
        if (found.Mac.Length == 0) { return TsigResult.BadSig; }
        if (found.Mac.Length > algorithm.MacLength || found.Mac.Length < algorithm.MinimumMacLength) { return TsigResult.FormErr; }
        using (var hmac = algorithm.CreateHmac(key.Secret))
        {
            TsigWire.AppendPriorMac(hmac, requestMac);
            ushort additional = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(response[10..]) - 1);
            TsigWire.AppendMessage(hmac, response[..found.RecordStart], found.OriginalId, additional);
            TsigWire.AppendVariables(hmac, key.CanonicalName.Wire, algorithm.Name.Wire, found.TimeSigned, found.Fudge, found.Error, found.OtherData);
            Span<byte> computed = stackalloc byte[algorithm.MacLength];
            hmac.GetHashAndReset(computed);
            if (!CryptographicOperations.FixedTimeEquals(computed[..found.Mac.Length], found.Mac)) { return TsigResult.BadSig; }
        }
        ulong nowSeconds = TsigWire.UnixSeconds(now);
        ulong distance = nowSeconds > found.TimeSigned ? nowSeconds - found.TimeSigned : found.TimeSigned - nowSeconds;
        return distance > found.Fudge ? TsigResult.BadTime : TsigResult.Ok;
    }

    /// <summary>The fields of a request's TSIG record, as spans into the message.</summary>
    internal readonly ref struct FoundTsig
    {
        public int RecordStart { get; init; }
        public ReadOnlySpan<byte> KeyName { get; init; }
        public ReadOnlySpan<byte> AlgorithmName { get; init; }
        public ulong TimeSigned { get; init; }
        public ushort Fudge { get; init; }
        public ReadOnlySpan<byte> Mac { get; init; }
        public ushort OriginalId { get; init; }
        public ushort Error { get; init; }
        public ReadOnlySpan<byte> OtherData { get; init; }
    }

    /// <summary>
    /// Walks every record of the message. A TSIG record anywhere but as the last additional
    /// record (§5.1), malformed RDATA or a malformed message gives false; no TSIG gives a
    /// result with RecordStart -1.
    /// </summary>
    /// <param name="keyName">Where the key name (the TSIG's owner) is put uncompressed.</param>
    private static bool TryFindTsig(ReadOnlySpan<byte> message, Span<byte> keyName, out FoundTsig found)
    {
        found = new FoundTsig { RecordStart = -1 };
        try
        {
            var reader = new DnsWireReader(message, 12);
            int questions = BinaryPrimitives.ReadUInt16BigEndian(message[4..]);
            int answers = BinaryPrimitives.ReadUInt16BigEndian(message[6..]);
            int authority = BinaryPrimitives.ReadUInt16BigEndian(message[8..]);
            int additional = BinaryPrimitives.ReadUInt16BigEndian(message[10..]);
            Span<byte> name = stackalloc byte[DnsName.MaxLength];
            for (int i = 0; i < questions; i++)
            {
                reader.ReadName(name);
                reader.Skip(4);
            }
            int records = answers + authority + additional;
            for (int i = 0; i < records; i++)
            {
                int start = reader.Position;
                int ownerLength = reader.ReadName(keyName);
                ushort type = reader.ReadUInt16();
                ushort rrClass = reader.ReadUInt16();
                reader.ReadUInt32();
                ushort rdLength = reader.ReadUInt16();
                if (type != TsigWire.Type)
                {
                    reader.Skip(rdLength);
                    continue;
                }
                // §5.1: exactly one TSIG, the last record of the additional section, class ANY.
                if (i != records - 1 || additional == 0 || rrClass != TsigWire.ClassAny) { return false; }
                int rdataEnd = reader.Position + rdLength;
                if (rdataEnd != message.Length) { return false; }
                int algorithmStart = reader.Position;
                int algorithmLength = reader.ReadName(name, allowCompression: false);
                var algorithmName = message.Slice(algorithmStart, algorithmLength);
                ulong timeSigned = TsigWire.ReadUInt48(reader.ReadBytes(6));
                ushort fudge = reader.ReadUInt16();
                ushort macSize = reader.ReadUInt16();
                var mac = reader.ReadBytes(macSize);
                ushort originalId = reader.ReadUInt16();
                ushort error = reader.ReadUInt16();
                ushort otherLength = reader.ReadUInt16();
                var other = reader.ReadBytes(otherLength);
                if (reader.Position != rdataEnd) { return false; }
                found = new FoundTsig
                {
                    RecordStart = start,
                    KeyName = keyName[..ownerLength],
                    AlgorithmName = algorithmName,
                    TimeSigned = timeSigned,
                    Fudge = fudge,
                    Mac = mac,
                    OriginalId = originalId,
                    Error = error,
                    OtherData = other,
                };
                return true;
            }
            return true;
        }
        catch (DnsWireException)
        {
            return false;
        }
    }
}

using System.Security.Cryptography;
using Desec.Zone.Messages;
using Desec.Zone.Names;

namespace Desec.Zone.Tsig;

/// <summary>Checks the TSIG of a request (RFC 8945 §5.2) or of the answer to our own request (§5.4).</summary>
public static class TsigVerifier
{
    /// <summary>
    /// Checks the TSIG record that <paramref name="request"/> found (its placement and form were
    /// checked by <see cref="MessageReader.ReadRecords"/>, §5.1). The checks run in the RFC's
    /// order: MAC length (§5.2.2.1 FORMERR), key (§5.2.1), MAC (§5.2.2), truncation policy
    /// (§5.2.2.1), time (§5.2.3). <paramref name="context"/> is never null; for
    /// <see cref="TsigResult.NoTsig"/> and <see cref="TsigResult.FormErr"/> it is a shared context
    /// that signs nothing.
    /// </summary>
    /// <param name="allowTruncatedMac">
    /// Local policy for truncated MACs (§5.2.2.1): off by default, so a MAC shorter than the
    /// hash output is BADTRUNC; when on, down to the RFC's floor is accepted.
    /// </param>
    public static TsigResult Verify(scoped in MessageReader request, TsigKeyring keyring, DateTimeOffset now, out TsigContext context,
        bool allowTruncatedMac = false)
    {
        context = TsigContext.None;
        var found = request.Tsig;
        if (!found.Present) { return TsigResult.NoTsig; }
        var message = request.Message;
        Span<byte> keyNameBuffer = stackalloc byte[DnsName.MaxLength];
        var keyName = keyNameBuffer[..found.ReadKeyName(message, keyNameBuffer)];

        var algorithm = TsigAlgorithm.FromWireName(found.AlgorithmName);
        var key = algorithm is null ? null : keyring.Find(DnsName.FromWire(keyName));
        if (key is null || key.Algorithm != algorithm)
        {
            // §5.2.1: unknown key or algorithm; answered NOTAUTH/BADKEY, unsigned.
            context = new TsigContext(TsigResult.BadKey, null, keyName, found);
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
            TsigMac.AppendMessageWithoutTsig(hmac, message[..found.Start], found.OriginalId);
            TsigMac.AppendVariables(hmac, key.CanonicalName.Wire, algorithm.Name.Wire, found.TimeSigned, found.Fudge, found.Error, found.OtherData);
            Span<byte> computed = stackalloc byte[algorithm.MacLength];
            hmac.GetHashAndReset(computed);
            // §5.2.2: compare in constant time, over the octets sent (a truncated MAC is a prefix).
            if (!CryptographicOperations.FixedTimeEquals(computed[..macSize], found.Mac))
            {
                context = new TsigContext(TsigResult.BadSig, key, keyName, found);
                return TsigResult.BadSig;
            }
        }

        var result = TsigResult.Ok;
        if (macSize < algorithm.MacLength && !allowTruncatedMac)
        {
            result = TsigResult.BadTrunc; // §5.2.2.1: shorter than local policy allows
        }
        else if (!WithinFudge(found, now))
        {
            result = TsigResult.BadTime; // §5.2.3
        }
        context = new TsigContext(result, key, keyName, found);
        return result;
    }

    /// <summary>
    /// Checks the TSIG of a response to a request this server signed (a NOTIFY), as a client does
    /// (RFC 8945 §5.4): it must carry a TSIG (an unsigned answer to a signed request is discarded),
    /// with our key and algorithm, whose MAC covers the request MAC, the response and the TSIG
    /// variables (§4.3.1), and whose time lies within the fudge (§5.4.2 asks the client to check
    /// the time too). <paramref name="peerError"/> is the TSIG error the peer reported (BADKEY,
    /// BADSIG or BADTIME when it could not check our request), NOERROR when none or no TSIG.
    /// </summary>
    public static TsigResult VerifyResponse(ReadOnlySpan<byte> response, TsigKey key, ReadOnlySpan<byte> requestMac, DateTimeOffset now,
        out TsigError peerError)
    {
        peerError = TsigError.NoError;
        if (!MessageReader.TryReadAll(response, out var reader)) { return TsigResult.FormErr; }
        var found = reader.Tsig;
        if (!found.Present) { return TsigResult.NoTsig; }
        peerError = found.Error;
        Span<byte> keyNameBuffer = stackalloc byte[DnsName.MaxLength];
        var keyName = keyNameBuffer[..found.ReadKeyName(response, keyNameBuffer)];
        var algorithm = TsigAlgorithm.FromWireName(found.AlgorithmName);
        if (algorithm != key.Algorithm || !DnsName.FromWire(keyName).Equals(key.Name)) { return TsigResult.BadKey; }
        // §5.3.2: a BADKEY or BADSIG answer carries no MAC; it cannot be verified and proves nothing.
        if (found.Mac.Length == 0) { return TsigResult.BadSig; }
        if (found.Mac.Length > algorithm.MacLength || found.Mac.Length < algorithm.MinimumMacLength) { return TsigResult.FormErr; }
        using (var hmac = algorithm.CreateHmac(key.Secret))
        {
            TsigMac.AppendPriorMac(hmac, requestMac);
            TsigMac.AppendMessageWithoutTsig(hmac, response[..found.Start], found.OriginalId);
            TsigMac.AppendVariables(hmac, key.CanonicalName.Wire, algorithm.Name.Wire, found.TimeSigned, found.Fudge, found.Error, found.OtherData);
            Span<byte> computed = stackalloc byte[algorithm.MacLength];
            hmac.GetHashAndReset(computed);
            if (!CryptographicOperations.FixedTimeEquals(computed[..found.Mac.Length], found.Mac)) { return TsigResult.BadSig; }
        }
        return WithinFudge(found, now) ? TsigResult.Ok : TsigResult.BadTime;
    }

    /// <summary>§5.2.3: the local time must lie within Time Signed ± Fudge.</summary>
    private static bool WithinFudge(in TsigRecord found, DateTimeOffset now)
    {
        ulong nowSeconds = TsigRecord.UnixSeconds(now);
        ulong distance = nowSeconds > found.TimeSigned ? nowSeconds - found.TimeSigned : found.TimeSigned - nowSeconds;
        return distance <= found.Fudge;
    }
}

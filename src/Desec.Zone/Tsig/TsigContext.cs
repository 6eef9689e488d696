using System.Security.Cryptography;
using Desec.Zone.Messages;
using Desec.Zone.Wire;

namespace Desec.Zone.Tsig;

/// <summary>
/// What a verified request's TSIG leaves for the answer: the key, the request's MAC and times,
/// and the outcome. <see cref="MessageWriter.Finish(TsigContext, DateTimeOffset)"/> signs with
/// it: the response, and for a transfer every message of the stream in turn, each chained to the
/// MAC before it (RFC 8945 §5.3.1). One context serves one request; it is not thread-safe.
/// </summary>
/// <remarks>
/// <code>
/// var result = TsigVerifier.Verify(request, keyring, now, out var tsig);   // request: a MessageReader after ReadRecords
/// using (tsig)
/// {
///     // an error (not Ok or NoTsig): TsigErrorResponse.Write, FORMERR or NOTAUTH with the TSIG error
///     writer.ReserveTsig(tsig);             // before the records, so they leave its room free
///     ... records, OPT ...
///     length = writer.Finish(tsig, now);   // the TSIG record is the last thing written; a no-op without TSIG
/// }
/// </code>
/// Transfer ACLs by key: <c>Result == TsigResult.Ok</c> and <see cref="Key"/>.
/// </remarks>
public sealed class TsigContext : IDisposable
{
    /// <summary>The fudge this server puts in what it signs (RFC 8945 §10 recommends 300 seconds).</summary>
    public const ushort DefaultFudge = 300;

    /// <summary>A request without TSIG: nothing to sign.</summary>
    public static readonly TsigContext None = new(TsigResult.NoTsig);

    /// <summary>A request whose TSIG has a MAC length no one may send: answered FORMERR without TSIG.</summary>
    public static readonly TsigContext Malformed = new(TsigResult.FormErr);

    private readonly byte[] _keyName = [];
    private readonly byte[] _algorithmName = [];
    private byte[] _priorMac = [];
    private readonly bool _signsRequest;
    private IncrementalHash? _hmac;
    private int _signed;

    private TsigContext(TsigResult result)
    {
        Result = result;
        RequestMac = [];
    }

    internal TsigContext(TsigResult result, TsigKey? key, ReadOnlySpan<byte> keyName, in TsigRecord found)
    {
        Result = result;
        Key = key;
        // Error responses echo the names as received (BADKEY must name the unknown key);
        // signed responses use our key's own names.
        _keyName = key?.Name.Wire.ToArray() ?? keyName.ToArray();
        _algorithmName = key?.Algorithm.Name.Wire.ToArray() ?? found.AlgorithmName.ToArray();
        RequestTimeSigned = found.TimeSigned;
        RequestFudge = found.Fudge;
        RequestLengthWithoutTsig = found.Start;
        if (result is TsigResult.Ok or TsigResult.BadTime or TsigResult.BadTrunc) { _priorMac = found.Mac.ToArray(); }
        RequestMac = _priorMac;
    }

    private TsigContext(TsigKey key)
    {
        Result = TsigResult.Ok;
        Key = key;
        _keyName = key.Name.Wire.ToArray();
        _algorithmName = key.Algorithm.Name.Wire.ToArray();
        RequestMac = [];
        _signsRequest = true;
    }

    /// <summary>
    /// A context that signs a request as a client does (RFC 8945 §4.3.2: no prior MAC), for NOTIFY
    /// and tests; after signing, <see cref="PriorMac"/> is the request MAC the answer must cover.
    /// </summary>
    public static TsigContext ForRequest(TsigKey key, ushort fudge = DefaultFudge) => new(key) { Fudge = fudge };

    public TsigResult Result { get; }

    /// <summary>The key that signed the request; null when it is unknown (BADKEY) or there was no TSIG.</summary>
    public TsigKey? Key { get; }

    /// <summary>The request's MAC as received; empty unless it verified.</summary>
    public byte[] RequestMac { get; }

    public ulong RequestTimeSigned { get; }
    public ushort RequestFudge { get; }

    /// <summary>The request's length without its TSIG record (the offset of the record), or 0 without TSIG.</summary>
    public int RequestLengthWithoutTsig { get; }

    /// <summary>The MAC of the last message this context signed (or the request's MAC before the first).</summary>
    public ReadOnlySpan<byte> PriorMac => _priorMac;

    /// <summary>Whether the answer carries a TSIG record at all (there was a TSIG that was not malformed).</summary>
    public bool SignsResponse => Result is not (TsigResult.NoTsig or TsigResult.FormErr);

    /// <summary>The TSIG error code the response carries; anything but NOERROR makes the RCODE NOTAUTH (RFC 8945 §5.2).</summary>
    public TsigError Error => Result.ToError();

    public ushort Fudge { get; init; } = DefaultFudge;

    /// <summary>The most octets the TSIG record of a response can take: the writer keeps them free.</summary>
    public int MaxRecordLength => SignsResponse
        ? TsigRecord.Length(_keyName.Length, _algorithmName.Length, Key?.Algorithm.MacLength ?? 0, TsigRecord.BadTimeOtherLength)
        : 0;

    /// <summary>
    /// Appends the TSIG record after the finished message in <paramref name="wire"/>; false without
    /// room. The first message is signed over the request MAC, the message and all TSIG variables
    /// (§4.3.1, §5.3); each later one of a stream over the prior MAC, the message and the timers
    /// (§5.3.1). BADKEY and BADSIG answers are not signed (§5.3.2). The caller counts the record in
    /// the header.
    /// </summary>
    internal bool TryAppend(ref DnsMessageWriter wire, DateTimeOffset now)
    {
        if (!SignsResponse) { return true; }
        var message = wire.Written;
        if (!MessageHeader.TryRead(message, out var header)) { throw new ArgumentException("the message has no header", nameof(wire)); }
        ulong nowSeconds = TsigRecord.UnixSeconds(now);

        if (Result is TsigResult.BadKey or TsigResult.BadSig)
        {
            // §5.3.2: an error about the key or the MAC is answered unsigned, MAC size 0.
            return TsigRecord.TryWrite(ref wire, _keyName, _algorithmName, nowSeconds, Fudge, [], header.Id, Error, []);
        }

        var key = Key!;
        ulong timeSigned = nowSeconds;
        Span<byte> other = stackalloc byte[TsigRecord.BadTimeOtherLength];
        int otherLength = 0;
        if (Result == TsigResult.BadTime)
        {
            // §5.2.3: signed, Time Signed echoes the request's so the client's check passes,
            // and Other Data carries our clock so the client can see the skew.
            timeSigned = RequestTimeSigned;
            TsigRecord.WriteUInt48(other, nowSeconds);
            otherLength = TsigRecord.BadTimeOtherLength;
        }

        var hmac = _hmac ??= key.Algorithm.CreateHmac(key.Secret);
        if (_signed == 0)
        {
            // §4.3.1/§5.3: request MAC (length-prefixed), the response, all TSIG variables.
            // A request (client side, §4.3.2) covers no prior MAC.
            if (!_signsRequest) { TsigMac.AppendPriorMac(hmac, RequestMac); }
            hmac.AppendData(message);
            TsigMac.AppendVariables(hmac, key.CanonicalName.Wire, key.Algorithm.Name.Wire, timeSigned, Fudge, Error, other[..otherLength]);
        }
        else
        {
            // §5.3.1: prior MAC (length-prefixed), this message, the timers.
            TsigMac.AppendPriorMac(hmac, _priorMac);
            hmac.AppendData(message);
            TsigMac.AppendTimers(hmac, timeSigned, Fudge);
        }
        var mac = new byte[key.Algorithm.MacLength];
        hmac.GetHashAndReset(mac);
        if (!TsigRecord.TryWrite(ref wire, _keyName, _algorithmName, timeSigned, Fudge, mac, header.Id, Error, other[..otherLength])) { return false; }
        _priorMac = mac;
        _signed++;
        return true;
    }

    public void Dispose()
    {
        _hmac?.Dispose();
        _hmac = null;
    }
}

using System.Buffers.Binary;
using System.Security.Cryptography;
using Desec.Auth.Query;

namespace Desec.Auth.Tsig;

/// <summary>
/// What a verified request's TSIG leaves for the answer: the key, the request's MAC and
/// times, and the outcome. It signs the response, and for a transfer every message of the
/// stream in turn, each chained to the MAC before it (RFC 8945 §5.3.1). One context serves
/// one request; it is not thread-safe.
/// </summary>
/// <remarks>
/// Use from the transport or the query handler:
/// <code>
/// var result = TsigVerifier.Verify(request, keyring, now, out var tsig);
/// using (tsig)
/// {
///     if (result is not (TsigResult.Ok or TsigResult.NoTsig))
///     {
///         length = TsigSigner.WriteErrorResponse(request, tsig, buffer, now);   // FORMERR or NOTAUTH + TSIG error
///     }
///     else
///     {
///         // build the answer leaving tsig.MaxRecordLength octets free (writer.ReserveTail), then:
///         length = tsig.Sign(buffer, length, now);                  // a no-op without TSIG
///         // a transfer: tsig.SignNext(buffer, length, first: i == 0, now) for message i
///     }
/// }
/// </code>
/// The query parser skips the TSIG record like any other additional record, so the request
/// can be parsed as received. Transfer ACLs by key: <c>result == TsigResult.Ok</c> and <see cref="Key"/>.
/// </remarks>
public sealed class TsigContext : IDisposable
{
    /// <summary>The fudge this server puts in what it signs (RFC 8945 §10 recommends 300 seconds).</summary>
    public const ushort DefaultFudge = 300;

    /// <summary>A request without TSIG: nothing to sign.</summary>
    public static readonly TsigContext None = new(TsigResult.NoTsig);

    /// <summary>A request whose TSIG is malformed: answered FORMERR without TSIG.</summary>
    public static readonly TsigContext Malformed = new(TsigResult.FormErr);

    private readonly byte[] _keyName = [];
    private readonly byte[] _algorithmName = [];
    private byte[] _priorMac = [];
    private readonly bool _signsRequest;
    private IncrementalHash? _hmac;

    private TsigContext(TsigResult result)
    {
        Result = result;
        RequestMac = [];
    }

    internal TsigContext(TsigResult result, TsigKey? key, in TsigVerifier.FoundTsig found)
    {
        Result = result;
        Key = key;
        // Error responses echo the names as received (BADKEY must name the unknown key);
        // signed responses use our key's own names.
        _keyName = key?.Name.Wire.ToArray() ?? found.KeyName.ToArray();
        _algorithmName = key?.Algorithm.Name.Wire.ToArray() ?? found.AlgorithmName.ToArray();
        RequestTimeSigned = found.TimeSigned;
        RequestFudge = found.Fudge;
        RequestLengthWithoutTsig = found.RecordStart;
        if (result is TsigResult.Ok or TsigResult.BadTime or TsigResult.BadTrunc) { _priorMac = found.Mac.ToArray(); }
        RequestMac = _priorMac;
    }

    /// <summary>A context for a client's request, signed by <see cref="TsigSigner.SignRequest"/> (tests, NOTIFY).</summary>
    internal TsigContext(TsigKey key)
    {
        Result = TsigResult.Ok;
        Key = key;
        _keyName = key.Name.Wire.ToArray();
        _algorithmName = key.Algorithm.Name.Wire.ToArray();
        RequestMac = [];
        _signsRequest = true;
    }

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

    /// <summary>The TSIG error code the response carries.</summary>
    public ushort Error => TsigError.Of(Result);

    public ushort Fudge { get; init; } = DefaultFudge;

    /// <summary>The most octets the TSIG record of a response can take: reserve them when building it.</summary>
    public int MaxRecordLength => SignsResponse
        ? TsigWire.RecordLength(_keyName.Length, _algorithmName.Length, Key?.Algorithm.MacLength ?? 0, TsigWire.BadTimeOtherLength)
        : 0;

    /// <summary>
    /// Appends the TSIG record to the response in <c>buffer[..length]</c>, raises ARCOUNT and
    /// returns the new length, or -1 when the buffer has no room. For an error (anything but
    /// <see cref="TsigResult.Ok"/>) the header's RCODE becomes NOTAUTH first (RFC 8945 §5.2).
    /// Without TSIG in the request, returns <paramref name="length"/> unchanged.
    /// </summary>
    public int Sign(Span<byte> buffer, int length, DateTimeOffset now) => SignNext(buffer, length, first: true, now);

    /// <summary>
    /// Signs one message of a multi-message response (AXFR/IXFR over TCP, RFC 8945 §5.3.1):
    /// the first over the request MAC, the message and all TSIG variables; each later one over
    /// the prior message's MAC, the message and the timers only.
    /// </summary>
    public int SignNext(Span<byte> buffer, int length, bool first, DateTimeOffset now)
    {
        if (!SignsResponse) { return length; }
        if (length < 12) { throw new ArgumentOutOfRangeException(nameof(length), "a DNS message has at least 12 octets"); }
        if (length + MaxRecordLength > buffer.Length) { return -1; }

        ushort id = BinaryPrimitives.ReadUInt16BigEndian(buffer);
        ushort additional = BinaryPrimitives.ReadUInt16BigEndian(buffer[10..]);
        if (additional == ushort.MaxValue) { return -1; }
        ulong nowSeconds = TsigWire.UnixSeconds(now);

        if (Result is TsigResult.BadKey or TsigResult.BadSig)
        {
            // §5.3.2: an error about the key or the MAC is answered unsigned, MAC size 0.
            SetNotAuth(buffer);
            int unsignedLength = TsigWire.WriteRecord(buffer, length, _keyName, _algorithmName, nowSeconds, Fudge, [], id, Error, []);
            BinaryPrimitives.WriteUInt16BigEndian(buffer[10..], (ushort)(additional + 1));
            return length + unsignedLength;
        }

        var key = Key!;
        ulong timeSigned = nowSeconds;
        Span<byte> other = stackalloc byte[TsigWire.BadTimeOtherLength];
        int otherLength = 0;
        if (Result != TsigResult.Ok) { SetNotAuth(buffer); }
        if (Result == TsigResult.BadTime)
        {
            // §5.2.3: signed, Time Signed echoes the request's so the client's check passes,
            // and Other Data carries our clock so the client can see the skew.
            timeSigned = RequestTimeSigned;
            TsigWire.WriteUInt48(other, nowSeconds);
            otherLength = TsigWire.BadTimeOtherLength;
        }

        var hmac = _hmac ??= key.Algorithm.CreateHmac(key.Secret);
        if (first)
        {
            // §4.3.1/§5.3: request MAC (length-prefixed), the response, all TSIG variables.
            // A request (client side, §4.3.2 without a prior MAC) covers no prior MAC.
            if (!_signsRequest) { TsigWire.AppendPriorMac(hmac, RequestMac); }
            hmac.AppendData(buffer[..length]);
            TsigWire.AppendVariables(hmac, key.CanonicalName.Wire, key.Algorithm.Name.Wire, timeSigned, Fudge, Error, other[..otherLength]);
        }
        else
        {
            // §5.3.1: prior MAC (length-prefixed), this message, the timers.
            TsigWire.AppendPriorMac(hmac, _priorMac);
            hmac.AppendData(buffer[..length]);
            TsigWire.AppendTimers(hmac, timeSigned, Fudge);
        }
        var mac = new byte[key.Algorithm.MacLength];
        hmac.GetHashAndReset(mac);
        int written = TsigWire.WriteRecord(buffer, length, _keyName, _algorithmName, timeSigned, Fudge, mac, id, Error, other[..otherLength]);
        BinaryPrimitives.WriteUInt16BigEndian(buffer[10..], (ushort)(additional + 1));
        _priorMac = mac;
        return length + written;
    }

    private static void SetNotAuth(Span<byte> buffer)
    {
        ushort flags = BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]);
        BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], (ushort)((flags & 0xFFF0) | DnsHeader.NotAuth));
    }

    public void Dispose()
    {
        _hmac?.Dispose();
        _hmac = null;
    }
}

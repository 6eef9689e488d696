using System.Buffers.Binary;
using Desec.Zone.Wire;

namespace Desec.Zone.Messages;

/// <summary>One EDNS(0) option (RFC 6891 §6.1.2): its code and its data, a span into the message.</summary>
public readonly ref struct EdnsOption(ushort code, ReadOnlySpan<byte> data)
{
    public ushort Code { get; } = code;
    public ReadOnlySpan<byte> Data { get; } = data;
}

/// <summary>The options of an OPT record, in the order sent; checked whole when the record was read.</summary>
public readonly ref struct EdnsOptions(ReadOnlySpan<byte> rdata)
{
    public ReadOnlySpan<byte> Wire { get; } = rdata;

    public Enumerator GetEnumerator() => new(Wire);

    public ref struct Enumerator(ReadOnlySpan<byte> rdata)
    {
        private readonly ReadOnlySpan<byte> _rdata = rdata;
        private int _next;

        public EdnsOption Current { get; private set; }

        public bool MoveNext()
        {
            if (_next + 4 > _rdata.Length) { return false; }
            ushort code = BinaryPrimitives.ReadUInt16BigEndian(_rdata[_next..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(_rdata[(_next + 2)..]);
            Current = new EdnsOption(code, _rdata.Slice(_next + 4, length));
            _next += 4 + length;
            return true;
        }
    }
}

/// <summary>
/// The OPT record of a request (RFC 6891 §6.1.2-6.1.3): the requestor's UDP payload size, the
/// EDNS version, the DO bit, and its options read once: NSID (RFC 5001), COOKIE (RFC 7873) and
/// PADDING (RFC 7830) by name, every option (unknown ones included, which RFC 6891 §6.1.2 says a
/// responder ignores) through <see cref="Options"/>.
/// </summary>
public readonly ref struct EdnsRequest
{
    /// <summary>RFC 6891 §6.2.5: a payload size below 512 is treated as 512.</summary>
    public const ushort MinimumUdpPayload = 512;

    /// <summary>RFC 7873 §4: a client cookie is 8 octets; a server cookie 8 to 32 more.</summary>
    public const int ClientCookieLength = 8, MinServerCookieLength = 8, MaxServerCookieLength = 32;

    /// <summary>The DO bit of the OPT record's TTL field (RFC 3225 §3).</summary>
    internal const ushort DnssecOkBit = 0x8000;

    /// <summary>The request has an OPT record.</summary>
    public bool Present { get; init; }

    /// <summary>The requestor's UDP payload size as sent (the OPT record's CLASS).</summary>
    public ushort RequestedUdpPayload { get; init; }

    /// <summary>The payload size to honour: at least 512 (RFC 6891 §6.2.5).</summary>
    public ushort UdpPayloadSize => Math.Max(MinimumUdpPayload, RequestedUdpPayload);

    /// <summary>The EDNS version; above 0 is answered BADVERS (RFC 6891 §6.1.3).</summary>
    public byte Version { get; init; }

    /// <summary>The upper eight bits of an extended RCODE (meaningful in responses only).</summary>
    public byte ExtendedRcodeBits { get; init; }

    /// <summary>DNSSEC OK (RFC 3225 §3).</summary>
    public bool DnssecOk { get; init; }

    public EdnsOptions Options { get; init; }

    /// <summary>An NSID option was sent (RFC 5001 §2.1: empty in a query).</summary>
    public bool NsidRequested { get; init; }

    /// <summary>The client cookie (RFC 7873 §4); empty without a COOKIE option.</summary>
    public ReadOnlySpan<byte> ClientCookie { get; init; }

    /// <summary>The server cookie the client sent back (RFC 7873 §5.2.4); empty when it sent none.</summary>
    public ReadOnlySpan<byte> ServerCookie { get; init; }

    /// <summary>A COOKIE option of a length RFC 7873 §5.2.2 does not allow (not 8, nor 16 to 40): answered FORMERR.</summary>
    public bool CookieMalformed { get; init; }

    /// <summary>A PADDING option was sent (RFC 7830 §3).</summary>
    public bool Padded { get; init; }

    /// <summary>
    /// Reads the OPT record's fields and checks its options: <see cref="DnsWireException"/> when an
    /// option runs past the record; a COOKIE option of the wrong length is reported in
    /// <see cref="CookieMalformed"/>, so that the FORMERR can still carry an OPT record.
    /// </summary>
    public static EdnsRequest Read(RecordView opt)
    {
        ReadOnlySpan<byte> clientCookie = default, serverCookie = default;
        bool nsid = false, padded = false, cookieSeen = false, cookieMalformed = false;
        var rdata = opt.Rdata;
        int at = 0;
        while (at < rdata.Length)
        {
            if (at + 4 > rdata.Length) { throw new DnsWireException(opt.RdataOffset + at, "EDNS option header runs past the OPT record"); }
            ushort code = BinaryPrimitives.ReadUInt16BigEndian(rdata[at..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(rdata[(at + 2)..]);
            if (at + 4 + length > rdata.Length) { throw new DnsWireException(opt.RdataOffset + at, "EDNS option runs past the OPT record"); }
            var data = rdata.Slice(at + 4, length);
            switch (code)
            {
                case EdnsOptionCode.Nsid:
                    nsid = true;
                    break;
                case EdnsOptionCode.Cookie when !cookieSeen:
                    cookieSeen = true;
                    // RFC 7873 §5.2.2: a COOKIE option of any other length is malformed; the responder answers FORMERR.
                    if (length != ClientCookieLength && length is < ClientCookieLength + MinServerCookieLength or > ClientCookieLength + MaxServerCookieLength)
                    {
                        cookieMalformed = true;
                        break;
                    }
                    clientCookie = data[..ClientCookieLength];
                    serverCookie = data[ClientCookieLength..];
                    break;
                case EdnsOptionCode.Padding:
                    padded = true;
                    break;
            }
            at += 4 + length;
        }
        return new EdnsRequest
        {
            Present = true,
            RequestedUdpPayload = opt.Class,
            ExtendedRcodeBits = (byte)(opt.Ttl >> 24),
            Version = (byte)(opt.Ttl >> 16),
            DnssecOk = (opt.Ttl & DnssecOkBit) != 0,
            Options = new EdnsOptions(rdata),
            NsidRequested = nsid,
            ClientCookie = clientCookie,
            ServerCookie = serverCookie,
            Padded = padded,
            CookieMalformed = cookieMalformed,
        };
    }
}

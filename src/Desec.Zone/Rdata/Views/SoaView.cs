using System.Buffers.Binary;
using Desec.Zone.Names;

namespace Desec.Zone.Rdata.Views;

/// <summary>
/// The fields of SOA RDATA in canonical wire form (RFC 1035 §3.3.13): MNAME and RNAME, then the
/// serial and four 32-bit timers. A view: nothing is copied, the names are spans of the RDATA.
/// </summary>
public readonly ref struct SoaView
{
    /// <summary>Octets after the two names: serial, refresh, retry, expire, minimum.</summary>
    private const int NumbersLength = 20;

    private readonly ReadOnlySpan<byte> _rdata;
    private readonly int _primaryLength;
    private readonly int _numbers;

    private SoaView(ReadOnlySpan<byte> rdata, int primaryLength, int numbers)
    {
        _rdata = rdata;
        _primaryLength = primaryLength;
        _numbers = numbers;
    }

    /// <summary>Reads SOA RDATA; false when it is not two uncompressed names followed by exactly five 32-bit numbers.</summary>
    public static bool TryRead(ReadOnlySpan<byte> rdata, out SoaView view)
    {
        view = default;
        if (!DnsName.TryMeasureWire(rdata, out int primary) || !DnsName.TryMeasureWire(rdata[primary..], out int mailbox)) { return false; }
        int numbers = primary + mailbox;
        if (rdata.Length - numbers != NumbersLength) { return false; }
        view = new SoaView(rdata, primary, numbers);
        return true;
    }

    /// <summary>Reads RDATA the zone already checked; throws <see cref="ArgumentException"/> when it is no SOA RDATA.</summary>
    public static SoaView Read(ReadOnlySpan<byte> rdata) =>
        TryRead(rdata, out var view) ? view : throw new ArgumentException("not SOA RDATA (RFC 1035 §3.3.13)", nameof(rdata));

    /// <summary>MNAME: the primary name server.</summary>
    public ReadOnlySpan<byte> PrimaryServer => _rdata[.._primaryLength];

    /// <summary>RNAME: the mailbox of the person responsible, as a name.</summary>
    public ReadOnlySpan<byte> Mailbox => _rdata[_primaryLength.._numbers];

    /// <summary>Where the serial starts in the RDATA, to write a new one into a copy.</summary>
    public int SerialOffset => _numbers;

    public uint Serial => Number(0);
    public uint Refresh => Number(1);
    public uint Retry => Number(2);
    public uint Expire => Number(3);

    /// <summary>MINIMUM: since RFC 2308 §4 the TTL of negative answers (bounded by the SOA's own TTL, §5).</summary>
    public uint Minimum => Number(4);

    private uint Number(int index) => BinaryPrimitives.ReadUInt32BigEndian(_rdata[(_numbers + 4 * index)..]);
}

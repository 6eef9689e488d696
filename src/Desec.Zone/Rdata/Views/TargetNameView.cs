using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Views;

/// <summary>
/// The domain name that RDATA of an aliasing or service type points at, and where it starts: the
/// target of NS, CNAME, DNAME and PTR (RFC 1035 §3.3, RFC 6672 §2.1), the exchange of MX and KX
/// (RFC 1035 §3.3.9, RFC 2230 §3), the host of AFSDB and RT (RFC 1183), the target of SRV
/// (RFC 2782) and the TargetName of SVCB and HTTPS (RFC 9460 §2.2). These are the names whose
/// addresses additional-section processing looks for (RFC 1034 §3.6, §4.3.2 step 6). A view:
/// nothing is copied.
/// </summary>
public readonly ref struct TargetNameView
{
    private TargetNameView(ReadOnlySpan<byte> name, int offset)
    {
        Name = name;
        Offset = offset;
    }

    /// <summary>The target, an uncompressed wire name.</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>Where the target starts in the RDATA.</summary>
    public int Offset { get; }

    /// <summary>The offset of the target name in RDATA of <paramref name="type"/>; -1 for a type without one.</summary>
    public static int OffsetOf(ushort type) => type switch
    {
        RRType.NS or RRType.CNAME or RRType.DNAME or RRType.PTR => 0,
        RRType.MX or RRType.KX or RRType.AFSDB or RRType.RT or RRType.SVCB or RRType.HTTPS => 2,
        RRType.SRV => 6,
        _ => -1,
    };

    /// <summary>Reads the target; false for a type without one or RDATA too short to hold it.</summary>
    public static bool TryRead(ushort type, ReadOnlySpan<byte> rdata, out TargetNameView view)
    {
        view = default;
        int offset = OffsetOf(type);
        if (offset < 0 || offset >= rdata.Length || !DnsName.TryMeasureWire(rdata[offset..], out int length)) { return false; }
        view = new TargetNameView(rdata.Slice(offset, length), offset);
        return true;
    }

    /// <summary>Reads RDATA already checked; throws <see cref="ArgumentException"/> when the type has no target or the RDATA is malformed.</summary>
    public static TargetNameView Read(ushort type, ReadOnlySpan<byte> rdata) =>
        TryRead(type, rdata, out var view) ? view : throw new ArgumentException($"no {RRType.ToText(type)} target name in this RDATA", nameof(rdata));
}

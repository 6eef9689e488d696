using System.Net;
using Desec.Zone.Tsig;

namespace Desec.Auth.Transfer;

/// <summary>Where a NOTIFY goes, and the TSIG key it is signed with (RFC 8945), if any.</summary>
public sealed record NotifyTarget(IPEndPoint EndPoint, TsigKey? Key)
{
    public override string ToString() => Key is null ? EndPoint.ToString() : $"{EndPoint} (key {Key.Name})";
}

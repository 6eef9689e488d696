using System.Buffers.Binary;
using System.Net.Sockets;

namespace Desec.Auth.Transport;

/// <summary>
/// How much of what was sent on a TCP connection the peer has acknowledged, from the kernel
/// (Linux TCP_INFO, tcpi_bytes_acked, RFC 4898 tcpEStatsAppHCThruOctetsAcked): the only measure of a
/// slow reader's progress that does not depend on how much the send buffer holds.
/// </summary>
internal static class TcpProgress
{
    private const int IpProtoTcp = 6;
    private const int TcpInfo = 11;

    /// <summary>Offset of tcpi_bytes_acked in struct tcp_info (Linux 4.1 and later).</summary>
    private const int BytesAckedOffset = 120;

    /// <summary>Octets acknowledged so far; -1 when the system does not say (not Linux, an old kernel, a closed socket).</summary>
    public static long BytesAcked(Socket socket)
    {
        if (!OperatingSystem.IsLinux()) { return -1; }
        Span<byte> info = stackalloc byte[BytesAckedOffset + 8];
        try
        {
            int length = socket.GetRawSocketOption(IpProtoTcp, TcpInfo, info);
            return length >= BytesAckedOffset + 8 ? (long)BinaryPrimitives.ReadUInt64LittleEndian(info[BytesAckedOffset..]) : -1;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return -1;
        }
    }
}

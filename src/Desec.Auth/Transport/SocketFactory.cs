using System.Net;
using System.Net.Sockets;

namespace Desec.Auth.Transport;

internal static class SocketFactory
{
    // Linux values; SO_REUSEPORT lets several sockets share one address (one receive loop per core).
    private const int SolSocket = 1;
    private const int SoReusePort = 15;

    public static Socket Bind(IPEndPoint endpoint, SocketType type, ProtocolType protocol, bool reusePort)
    {
        var socket = new Socket(endpoint.AddressFamily, type, protocol);
        try
        {
            if (endpoint.AddressFamily == AddressFamily.InterNetworkV6) { socket.DualMode = false; }
            if (reusePort && OperatingSystem.IsLinux()) { socket.SetRawSocketOption(SolSocket, SoReusePort, BitConverter.GetBytes(1)); }
            if (type == SocketType.Stream) { socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true); }
            socket.Bind(endpoint);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Interop.Tests.Serving;

/// <summary>Sends one query over UDP or TCP and returns the raw response (or null on timeout).</summary>
public static class RawDnsClient
{
    public static byte[]? Udp(IPEndPoint server, byte[] query, int timeoutMs = 2000)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.ReceiveTimeout = timeoutMs;
        socket.Connect(server);
        socket.Send(query);
        var buffer = new byte[65535];
        try
        {
            int n = socket.Receive(buffer);
            return buffer[..n];
        }
        catch (SocketException) { return null; }
    }

    public static byte[]? Tcp(IPEndPoint server, byte[] query, int timeoutMs = 5000)
    {
        using var client = new TcpClient();
        client.ReceiveTimeout = timeoutMs;
        client.Connect(server);
        using var stream = client.GetStream();
        Send(stream, query);
        return Receive(stream);
    }

    public static void Send(Stream stream, byte[] query)
    {
        var framed = new byte[query.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)query.Length);
        query.CopyTo(framed, 2);
        stream.Write(framed);
    }

    public static byte[]? Receive(Stream stream)
    {
        var prefix = new byte[2];
        if (!ReadExactly(stream, prefix)) { return null; }
        var message = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        return ReadExactly(stream, message) ? message : null;
    }

    private static bool ReadExactly(Stream stream, byte[] buffer)
    {
        try { stream.ReadExactly(buffer); return true; }
        catch (EndOfStreamException) { return false; }
        catch (IOException) { return false; }
    }
}

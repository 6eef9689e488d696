using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Desec.Auth.Config;
using Desec.Auth.Query;
using Desec.Auth.Transfer;
using Desec.Auth.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using TcpListener = Desec.Auth.Transport.TcpListener;

namespace Desec.Auth.Tests.Transport;

/// <summary>
/// The real <see cref="TcpListener"/> on a free loopback port, answering with the real
/// <see cref="QueryHandler"/> from a zone with a large TXT RRset (<c>big.example.com.</c>, about
/// 8 KB per answer) and <see cref="TransferNames"/> host names with a TXT record each to transfer (about
/// 7 MB, more than the socket buffers of both ends hold; AXFR allowed from 127.0.0.1).
/// </summary>
public sealed class TcpTestServer : IAsyncDisposable
{
    public const int TransferNames = 40_000;

    private static readonly Lazy<Desec.Auth.Zones.ZoneStore> Zone = new(() => TestQueries.Store(("example.com.", ZoneText())));

    private static string ZoneText()
    {
        var text = new StringBuilder("""
            $TTL 3600
            @ SOA ns1 hostmaster 1 7200 3600 1209600 300
            @ NS ns1
            ns1 A 192.0.2.1
            www A 192.0.2.80

            """);
        for (int i = 0; i < 32; i++) { text.Append($"big TXT \"{new string((char)('a' + i % 26), 250)}{i}\"\n"); }
        for (int i = 0; i < TransferNames; i++)
        {
            text.Append($"host{i} A 198.51.{i / 256 % 256}.{i % 256}\nhost{i} TXT \"{new string('t', 100)}\"\n");
        }
        return text.ToString();
    }

    private readonly TcpListener _listener;

    public TcpTestServer(TcpOptions options)
    {
        var store = Zone.Value;
        var transfers = new ZoneTransfers(store, _ => ZoneTransferConfig.ParseAcl(["127.0.0.1"], "test"));
        var handler = new QueryHandler(new Answerer(store), new AnswerOptions(), transfers);
        _listener = new TcpListener(new IPEndPoint(IPAddress.Loopback, 0), handler, NullLogger.Instance, options);
        _listener.Start();
    }

    public IPEndPoint EndPoint => _listener.LocalEndPoint;
    public TcpStats Stats => _listener.Stats;
    public int ConnectionCount => _listener.ConnectionCount;

    /// <summary>A connected client socket, from <paramref name="from"/> (any loopback address) when given.</summary>
    public Socket Connect(IPAddress? from = null, int? receiveBuffer = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (receiveBuffer is { } size) { socket.ReceiveBufferSize = size; }
        if (from is not null) { socket.Bind(new IPEndPoint(from, 0)); }
        socket.Connect(EndPoint);
        return socket;
    }

    public static byte[] Framed(byte[] message)
    {
        var framed = new byte[message.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)message.Length);
        message.CopyTo(framed, 2);
        return framed;
    }

    public static byte[] Query(string name, ushort type) => Framed(TestQueries.Query(name, type));

    /// <summary>Sends one query and reads its answer; null when the connection is closed or nothing came within the timeout.</summary>
    public static byte[]? Ask(Socket socket, string name = "www.example.com.", ushort type = 1, int timeoutMs = 3000)
    {
        try { socket.Send(Query(name, type)); }
        catch (SocketException) { return null; }
        return Receive(socket, timeoutMs);
    }

    public static byte[]? Receive(Socket socket, int timeoutMs = 3000)
    {
        socket.ReceiveTimeout = timeoutMs;
        var prefix = new byte[2];
        if (!ReceiveExactly(socket, prefix)) { return null; }
        var message = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        return ReceiveExactly(socket, message) ? message : null;
    }

    private static bool ReceiveExactly(Socket socket, byte[] buffer)
    {
        try
        {
            for (int read = 0; read < buffer.Length;)
            {
                int n = socket.Receive(buffer, read, buffer.Length - read, SocketFlags.None);
                if (n == 0) { return false; }
                read += n;
            }
            return true;
        }
        catch (SocketException) { return false; }
    }

    /// <summary>True once the server has closed the connection (a read sees the end or a reset), within <paramref name="timeoutMs"/>.</summary>
    public static bool ClosedByServer(Socket socket, int timeoutMs)
    {
        socket.ReceiveTimeout = timeoutMs;
        var sink = new byte[65_536];
        try
        {
            while (true)
            {
                if (socket.Receive(sink) == 0) { return true; }
            }
        }
        catch (SocketException e) { return e.SocketErrorCode != SocketError.TimedOut && e.SocketErrorCode != SocketError.WouldBlock; }
    }

    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}

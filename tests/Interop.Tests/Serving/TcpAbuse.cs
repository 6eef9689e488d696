using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Interop.Tests.Serving;

/// <summary>
/// Hostile DNS-over-TCP clients on loopback, and a legitimate one to measure what they leave over
/// (issue 12): <see cref="Pattern.Drip"/> connections send one octet of a message that never
/// completes every 2 s; <see cref="Pattern.PipelineNoRead"/> connections send 200 pipelined queries
/// and never read (one more query every 500 ms, which also tells them when they were closed). A
/// connection the server closes is opened again after <see cref="ReconnectDelay"/>, so the pressure
/// stays. Shared by tests/Interop.Tests and bench/Desec.Bench (the <c>tcp-abuse</c> verb).
/// </summary>
public sealed class TcpAbuse : IAsyncDisposable
{
    public enum Pattern { Drip, PipelineNoRead }

    public static readonly TimeSpan DripInterval = TimeSpan.FromSeconds(2);
    public const int Pipelined = 200;

    private readonly IPEndPoint _server;
    private readonly Pattern _pattern;
    private readonly IReadOnlyList<IPAddress> _sources;
    private readonly byte[] _query;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _clients = [];
    private int _open;
    private long _opened;
    private long _failedConnects;

    /// <param name="sources">Loopback addresses the connections come from, in turn (127.0.0.0/8 is all loopback on Linux).</param>
    /// <param name="query">The query the pipelining clients send (a DNS message; framed here).</param>
    public TcpAbuse(IPEndPoint server, Pattern pattern, int connections, IReadOnlyList<IPAddress> sources, byte[] query)
    {
        _server = server;
        _pattern = pattern;
        _sources = sources;
        _query = Framed(query);
        for (int i = 0; i < connections; i++)
        {
            var source = sources[i % sources.Count];
            _clients.Add(Task.Run(() => Client(source)));
        }
    }

    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Hostile connections open now.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>Hostile connections opened so far (more than the count asked for once the server closes some).</summary>
    public long Opened => Interlocked.Read(ref _opened);

    public long FailedConnects => Interlocked.Read(ref _failedConnects);

    /// <summary>127.0.0.2, 127.0.0.3, ...: <paramref name="count"/> loopback addresses other than the legitimate client's 127.0.0.1.</summary>
    public static IReadOnlyList<IPAddress> LoopbackSources(int count) =>
        Enumerable.Range(0, count).Select(i => new IPAddress([127, 0, (byte)((i + 2) >> 8), (byte)(i + 2)])).ToList();

    /// <summary>Waits until every hostile client has connected at least once, or the timeout passes; false then.</summary>
    public async Task<bool> WaitStartedAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (Opened < _clients.Count)
        {
            if (clock.Elapsed > timeout) { return false; }
            await Task.Delay(20);
        }
        return true;
    }

    private async Task Client(IPAddress source)
    {
        var stop = _stop.Token;
        while (!stop.IsCancellationRequested)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                // A small window: the server cannot park much in this client's buffer.
                socket.ReceiveBufferSize = 4096;
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(_server, stop);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                Interlocked.Increment(ref _failedConnects);
                await Pause(stop);
                continue;
            }
            Interlocked.Increment(ref _open);
            Interlocked.Increment(ref _opened);
            try
            {
                if (_pattern == Pattern.Drip) { await Drip(socket, stop); }
                else { await PipelineNoRead(socket, stop); }
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException) { }
            finally { Interlocked.Decrement(ref _open); }
            await Pause(stop);
        }
    }

    /// <summary>A length prefix of 512, then one octet every 2 s: a message that never completes.</summary>
    private static async Task Drip(Socket socket, CancellationToken stop)
    {
        var closed = socket.ReceiveAsync(new byte[1], SocketFlags.None, stop).AsTask();
        byte[] octets = [0x02, 0x00];
        for (int i = 0; !closed.IsCompleted; i++)
        {
            await socket.SendAsync(i < octets.Length ? octets.AsMemory(i, 1) : "x"u8.ToArray(), SocketFlags.None, stop);
            await Task.WhenAny(closed, Task.Delay(DripInterval, stop));
            stop.ThrowIfCancellationRequested();
        }
    }

    private async Task PipelineNoRead(Socket socket, CancellationToken stop)
    {
        var burst = new byte[_query.Length * Pipelined];
        for (int i = 0; i < Pipelined; i++) { _query.CopyTo(burst, i * _query.Length); }
        await socket.SendAsync(burst, SocketFlags.None, stop);
        while (true)
        {
            await Task.Delay(500, stop);
            // Fails once the server has closed the connection (at the latest one send after its FIN).
            await socket.SendAsync(_query, SocketFlags.None, stop);
        }
    }

    private async Task Pause(CancellationToken stop)
    {
        try { await Task.Delay(ReconnectDelay, stop); } catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await Task.WhenAll(_clients); } catch (Exception) { /* ended by cancellation */ }
        _stop.Dispose();
    }

    /// <summary>What a legitimate client got: one query per new connection, in turn.</summary>
    public sealed record ProbeResult(int Sent, int Answered, IReadOnlyList<double> LatenciesMs)
    {
        public double AnsweredShare => Sent == 0 ? 0 : (double)Answered / Sent;
        public double MedianMs => Percentile(0.5);
        public double P99Ms => Percentile(0.99);

        private double Percentile(double p)
        {
            if (LatenciesMs.Count == 0) { return double.NaN; }
            var sorted = LatenciesMs.Order().ToList();
            return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
        }

        public override string ToString() =>
            $"answered {Answered}/{Sent} ({AnsweredShare:P1}), median {MedianMs:F1} ms, p99 {P99Ms:F1} ms";
    }

    /// <summary>
    /// <paramref name="count"/> queries from <paramref name="source"/>, each on a new connection, one after
    /// the other with <paramref name="interval"/> between them; an answer not complete within
    /// <paramref name="timeout"/> of connecting counts as unanswered.
    /// </summary>
    public static async Task<ProbeResult> ProbeAsync(IPEndPoint server, IPAddress source, byte[] query, int count, TimeSpan timeout, TimeSpan interval)
    {
        var framed = Framed(query);
        var latencies = new List<double>();
        for (int i = 0; i < count; i++)
        {
            if (i > 0) { await Task.Delay(interval); }
            var clock = Stopwatch.StartNew();
            using var deadline = new CancellationTokenSource(timeout);
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(server, deadline.Token);
                await socket.SendAsync(framed, SocketFlags.None, deadline.Token);
                var prefix = new byte[2];
                await ReceiveExactly(socket, prefix, deadline.Token);
                await ReceiveExactly(socket, new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)], deadline.Token);
                latencies.Add(clock.Elapsed.TotalMilliseconds);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or EndOfStreamException) { }
        }
        return new ProbeResult(count, latencies.Count, latencies);
    }

    private static async Task ReceiveExactly(Socket socket, byte[] buffer, CancellationToken cancel)
    {
        for (int read = 0; read < buffer.Length;)
        {
            int n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, cancel);
            if (n == 0) { throw new EndOfStreamException(); }
            read += n;
        }
    }

    /// <summary>A query for <paramref name="name"/> and <paramref name="type"/> with EDNS(0) and DO (RD clear).</summary>
    public static byte[] Query(string name, ushort type)
    {
        var wire = Desec.Zone.Names.DnsName.Parse(name).Wire.ToArray();
        var query = new byte[12 + wire.Length + 4 + 11];
        BinaryPrimitives.WriteUInt16BigEndian(query, (ushort)Random.Shared.Next(65536));
        query[5] = 1; // QDCOUNT
        query[11] = 1; // ARCOUNT: the OPT record
        wire.CopyTo(query, 12);
        int at = 12 + wire.Length;
        BinaryPrimitives.WriteUInt16BigEndian(query.AsSpan(at), type);
        BinaryPrimitives.WriteUInt16BigEndian(query.AsSpan(at + 2), 1);
        // OPT: root owner, type 41, payload 1232, extended RCODE and version 0, DO set, no options.
        BinaryPrimitives.WriteUInt16BigEndian(query.AsSpan(at + 5), 41);
        BinaryPrimitives.WriteUInt16BigEndian(query.AsSpan(at + 7), 1232);
        BinaryPrimitives.WriteUInt16BigEndian(query.AsSpan(at + 11), 0x8000);
        return query;
    }

    private static byte[] Framed(byte[] message)
    {
        var framed = new byte[message.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)message.Length);
        message.CopyTo(framed, 2);
        return framed;
    }
}

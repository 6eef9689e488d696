using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Desec.Auth.Transport;

/// <summary>
/// DNS over TCP on one address (RFC 7766): accepts connections and serves each as a
/// <see cref="TcpConnection"/>, under the limits of <see cref="TcpOptions"/> kept by a
/// <see cref="TcpConnectionTable"/>. Accepting never spins: when the process is out of file
/// descriptors it closes the idlest connection and waits a moment before trying again.
/// </summary>
public sealed class TcpListener : IAsyncDisposable
{
    private static readonly TimeSpan FirstBackOff = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LastBackOff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan WarningInterval = TimeSpan.FromSeconds(10);

    private readonly Socket _listener;
    private readonly IQueryHandler _handler;
    private readonly ILogger _logger;
    private readonly TcpOptions _options;
    private readonly TcpConnectionTable _table;
    private readonly bool _ownsTable;
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<Task> _connections = [];
    private Task _acceptLoop = Task.CompletedTask;
    private long _lastWarning = -1;
    private long _failuresSinceWarning;

    /// <summary>A listener with connection limits of its own.</summary>
    public TcpListener(IPEndPoint endpoint, IQueryHandler handler, ILogger logger, TcpOptions options)
        : this(endpoint, handler, logger, new TcpConnectionTable(options, logger), ownsTable: true) { }

    /// <summary>A listener that shares <paramref name="table"/> (and its limits) with others; the caller disposes the table.</summary>
    public TcpListener(IPEndPoint endpoint, IQueryHandler handler, ILogger logger, TcpConnectionTable table)
        : this(endpoint, handler, logger, table, ownsTable: false) { }

    private TcpListener(IPEndPoint endpoint, IQueryHandler handler, ILogger logger, TcpConnectionTable table, bool ownsTable)
    {
        _handler = handler;
        _logger = logger;
        _options = table.Options;
        _table = table;
        _ownsTable = ownsTable;
        _listener = SocketFactory.Bind(endpoint, SocketType.Stream, ProtocolType.Tcp, reusePort: false);
        // The longest backlog the system allows (net.core.somaxconn): a burst of connections waits
        // there for a slot instead of being dropped before the server sees it.
        _listener.Listen();
        LocalEndPoint = (IPEndPoint)_listener.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Open connections (of every listener sharing the table).</summary>
    public int ConnectionCount => _table.Count;

    /// <summary>Connections accepted and closed so far, by reason (of every listener sharing the table).</summary>
    public TcpStats Stats => _table.Stats();

    public void Start() => _acceptLoop = AcceptLoop();

    private async Task AcceptLoop()
    {
        var backOff = TimeSpan.Zero;
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try { socket = await _listener.AcceptAsync(_stop.Token); }
            catch (OperationCanceledException) { break; }
            catch (ObjectDisposedException) { break; }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionAborted or SocketError.ConnectionReset)
            {
                continue; // the client left before it was accepted
            }
            catch (SocketException e)
            {
                // EMFILE/ENFILE (TooManyOpenSockets), ENOBUFS, ENOMEM: the connection stays in the backlog
                // and trying again at once would fail at once, forever. Make room, then wait a little
                // longer after each failure in a row.
                _table.CountAcceptFailure();
                bool madeRoom = e.SocketErrorCode == SocketError.TooManyOpenSockets && _table.OutOfDescriptors();
                backOff = madeRoom ? FirstBackOff : TimeSpan.FromTicks(Math.Clamp(backOff.Ticks * 2, FirstBackOff.Ticks, LastBackOff.Ticks));
                WarnAcceptFailure(e.SocketErrorCode, madeRoom, backOff);
                try { await Task.Delay(backOff, _stop.Token); }
                catch (OperationCanceledException) { break; }
                continue;
            }
            backOff = TimeSpan.Zero;
            Serve(socket);
        }
    }

    /// <summary>(Only the accept loop calls this.) At most one warning per <see cref="WarningInterval"/>, with the failures since the last one.</summary>
    private void WarnAcceptFailure(SocketError error, bool madeRoom, TimeSpan backOff)
    {
        long now = Environment.TickCount64;
        long failures = ++_failuresSinceWarning;
        if (_lastWarning >= 0 && now - _lastWarning < (long)WarningInterval.TotalMilliseconds) { return; }
        _lastWarning = now;
        _failuresSinceWarning = 0;
        _logger.LogWarning(
            "tcp {EndPoint}: {Failures} failed accepts since the last warning ({Error}, {Open} connections open){Room}; retrying in {BackOff} ms. " +
            "If the file descriptor limit is the cause, raise it or lower tcp-max-clients",
            LocalEndPoint, failures, error, _table.Count,
            madeRoom ? $"; closed the idlest connection and admit at most {_table.Ceiling} for a while" : "", (int)backOff.TotalMilliseconds);
    }

    private void Serve(Socket socket)
    {
        TcpConnection connection;
        try
        {
            socket.NoDelay = true;
            connection = new TcpConnection(socket, (IPEndPoint)socket.RemoteEndPoint!, _handler, _logger, _options, _stop.Token);
        }
        catch (SocketException)
        {
            socket.Dispose(); // reset before it could be looked at
            return;
        }
        _table.Admit(connection);
        // On the thread pool, so that a client whose queries are already waiting does not hold up accepting.
        var task = Task.Run(async () =>
        {
            try { await connection.RunAsync(); }
            finally { _table.Remove(connection); }
        });
        lock (_connections) { _connections.Add(task); }
        _ = task.ContinueWith(t => { lock (_connections) { _connections.Remove(t); } }, TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _acceptLoop;
        Task[] open;
        lock (_connections) { open = [.. _connections]; }
        try { await Task.WhenAll(open); } catch (Exception) { /* connections end on cancellation */ }
        if (_ownsTable) { _table.Dispose(); }
        _stop.Dispose();
    }
}

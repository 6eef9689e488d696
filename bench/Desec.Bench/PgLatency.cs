using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Desec.Bench;

/// <summary>
/// <c>pg-latency CONN PORT ZONES SAMPLES [BACKGROUND_PER_S]</c>: the time from COMMIT of a change
/// in the zone database to a DNS server on 127.0.0.1:PORT answering with it. Zones are
/// <c>z0.bench.</c> .. <c>z{ZONES-1}.bench.</c>, each with <c>www A</c> (the measured change) and
/// <c>bg TXT</c> (a background writer changes these at a steady rate meanwhile). Each sample
/// commits a new address for <c>www.zN.bench.</c> in a random zone and polls the server every
/// millisecond until it answers with it. Prints median, p90, p99 and max in milliseconds.
/// </summary>
public static class PgLatency
{
    public static int Run(string[] args)
    {
        if (args.Length < 4)
        {
            Console.Error.WriteLine("usage: pg-latency CONN PORT ZONES SAMPLES [BACKGROUND_PER_S]");
            return 2;
        }
        string connectionString = args[0];
        int port = int.Parse(args[1], CultureInfo.InvariantCulture);
        int zones = int.Parse(args[2], CultureInfo.InvariantCulture);
        int samples = int.Parse(args[3], CultureInfo.InvariantCulture);
        int background = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 0;
        using var stop = new CancellationTokenSource();
        var writer = background > 0 ? Task.Run(() => Background(connectionString, zones, background, stop.Token)) : Task.CompletedTask;

        var server = new IPEndPoint(IPAddress.Loopback, port);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 200 };
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        var random = new Random(7);
        var latencies = new List<double>();
        int missed = 0;
        for (int s = 0; s < samples; s++)
        {
            int zone = random.Next(zones);
            byte[] address = [10, (byte)(s >> 8), (byte)s, (byte)random.Next(1, 255)];
            using (var update = new NpgsqlCommand("UPDATE records SET rdata = $1 WHERE zone = $2 AND owner = 'www' AND type = 'A'", connection))
            {
                update.Parameters.AddWithValue(new IPAddress(address).ToString());
                update.Parameters.AddWithValue($"z{zone}.bench.");
                update.ExecuteNonQuery();   // autocommit: returns once COMMIT is done
            }
            var watch = Stopwatch.StartNew();
            byte[] query = Query($"www.z{zone}.bench.", (ushort)s);
            bool served = false;
            while (watch.Elapsed < TimeSpan.FromSeconds(10))
            {
                if (Answers(socket, server, query, address)) { served = true; break; }
                Thread.Sleep(1);
            }
            if (served) { latencies.Add(watch.Elapsed.TotalMilliseconds); } else { missed++; }
            Thread.Sleep(20 + random.Next(30));
        }
        stop.Cancel();
        writer.Wait();
        latencies.Sort();
        double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"samples {latencies.Count} missed {missed} median_ms {Percentile(0.5):F1} p90_ms {Percentile(0.9):F1} p99_ms {Percentile(0.99):F1} max_ms {latencies.LastOrDefault():F1} background_per_s {background}"));
        return missed == 0 ? 0 : 1;
    }

    /// <summary>A steady stream of other changes: one TXT update in a random zone, <paramref name="perSecond"/> times a second.</summary>
    private static void Background(string connectionString, int zones, int perSecond, CancellationToken stop)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        var random = new Random(11);
        var watch = Stopwatch.StartNew();
        long done = 0;
        while (!stop.IsCancellationRequested)
        {
            using (var update = new NpgsqlCommand("UPDATE records SET rdata = $1 WHERE zone = $2 AND owner = 'bg' AND type = 'TXT'", connection))
            {
                update.Parameters.AddWithValue($"\"{done}\"");
                update.Parameters.AddWithValue($"z{random.Next(zones)}.bench.");
                update.ExecuteNonQuery();
            }
            done++;
            var due = TimeSpan.FromSeconds((double)done / perSecond) - watch.Elapsed;
            if (due > TimeSpan.Zero) { Thread.Sleep(due); }
        }
    }

    private static byte[] Query(string name, ushort id) =>
        Desec.Zone.Messages.QueryMessage.Create(id, Desec.Zone.Messages.Opcode.Query, Desec.Zone.Messages.HeaderFlags.None,
            Desec.Zone.Names.DnsName.Parse(name).Wire, Desec.Zone.Records.RRType.A, Desec.Zone.Records.RRClass.IN, edns: false, default);

    /// <summary>True when the server answers NOERROR with the address in the answer.</summary>
    private static bool Answers(Socket socket, EndPoint server, byte[] query, byte[] address)
    {
        socket.SendTo(query, server);
        var buffer = new byte[1500];
        try
        {
            int length = socket.Receive(buffer);
            if (!Desec.Zone.Messages.MessageHeader.TryRead(buffer.AsSpan(0, length), out var header)
                || !Desec.Zone.Messages.MessageHeader.TryRead(query, out var asked)
                || header.Id != asked.Id || header.RcodeBits != 0) // NOERROR
            {
                return false;
            }
            return buffer.AsSpan(query.Length, length - query.Length).IndexOf(address) >= 0;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
